package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.CodeKind;
import dev.livy.common.protocol.StatementOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InterpretersTest {
    private final List<String> calls = new ArrayList<>();

    @Test
    void completionNeverStartsAnInterpreter() {
        Interpreters interpreters = new Interpreters(Map.of(CodeKind.SPARK, starting("scala")));

        assertEquals(List.of(), interpreters.complete(CodeKind.SPARK, "spark.ra", 8));
        assertEquals(List.of(), calls);
    }

    @Test
    void aStartedInterpreterCompletesWithTheCursorInsideTheCode() {
        Interpreters interpreters = new Interpreters(Map.of(CodeKind.SPARK, starting("scala")));
        interpreters.execute(CodeKind.SPARK, 0, "1").toJson();

        assertEquals(List.of("scala:spark.ra@8"), interpreters.complete(CodeKind.SPARK, "spark.ra", 99));
        assertEquals(List.of("scala:x@0"), interpreters.complete(CodeKind.SPARK, "x", -4));
    }

    @Test
    void aFailingCompletionHasNoCandidates() {
        Interpreters interpreters = new Interpreters(Map.of());
        interpreters.put(CodeKind.SQL, new Fake("sql") {
            @Override
            public List<String> complete(String code, int cursor) {
                throw new IllegalStateException("catalog gone");
            }
        });

        assertEquals(List.of(), interpreters.complete(CodeKind.SQL, "sel", 3));
    }

    @Test
    void anInterpreterThatCannotStartGivesAnErrorOutputAndTheOthersKeepWorking() {
        Interpreters interpreters = new Interpreters(Map.of(
                CodeKind.SPARK, () -> {
                    throw new IllegalStateException("no compiler");
                },
                CodeKind.SQL, starting("sql")));

        ObjectNode failed = interpreters.execute(CodeKind.SPARK, 0, "1").toJson();
        assertEquals("InterpreterError", failed.get("ename").asText());
        assertEquals("The spark interpreter cannot start: no compiler", failed.get("evalue").asText());
        assertEquals("ok", interpreters.execute(CodeKind.SQL, 1, "SELECT 1").toJson().get("status").asText());
    }

    private Supplier<Interpreter> starting(String name) {
        return () -> {
            calls.add("start " + name);
            return new Fake(name);
        };
    }

    private static class Fake implements Interpreter {
        private final String name;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public StatementOutput execute(int statementId, String code) {
            return Outputs.ok(statementId, name);
        }

        @Override
        public List<String> complete(String code, int cursor) {
            return List.of(name + ":" + code + "@" + cursor);
        }

        @Override
        public void interrupt() {
        }

        @Override
        public void close() {
        }
    }
}
