package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlInterpreterTest {

    @Test
    void rowLimitComesFromTheLaunchSettings() {
        assertEquals(1000, SqlInterpreter.maxRows(Map.of()));
        assertEquals(25, SqlInterpreter.maxRows(Map.of("livy.rsc.sql.num-rows", "25")));
        assertEquals(1000, SqlInterpreter.maxRows(Map.of("livy.rsc.sql.num-rows", "many")));
        assertEquals(1000, SqlInterpreter.maxRows(Map.of("livy.rsc.sql.num-rows", "0")));
    }

    @Test
    void completionKnowsSparksKeywordsAndBuiltinFunctions() {
        assertTrue(SqlInterpreter.keywords().containsAll(List.of("SELECT", "FROM", "WHERE")));
        assertTrue(SqlInterpreter.builtinFunctions().containsAll(List.of("sum", "date_format", "explode")));
    }
}
