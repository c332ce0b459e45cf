package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlInterpreterTest {

    @Test
    void completionKnowsSparksKeywordsAndBuiltinFunctions() {
        assertTrue(SqlInterpreter.keywords().containsAll(List.of("SELECT", "FROM", "WHERE")));
        assertTrue(SqlInterpreter.builtinFunctions().containsAll(List.of("sum", "date_format", "explode")));
    }
}
