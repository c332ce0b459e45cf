package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.CodeKind;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.StatementOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementRunnerTest {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Map<Integer, ObjectNode> outputs = new ConcurrentHashMap<>();
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private StatementRunner runner;

    @BeforeEach
    void start() {
        Interpreters interpreters = new Interpreters(Map.of(CodeKind.SQL, RecordingInterpreter::new));
        runner = new StatementRunner(interpreters, this::record, new RecordingJobGroups(),
                new OutputSizeLimit(1024));
        runner.start();
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void eachStatementRunsInsideItsOwnJobGroupOnTheStatementThread() throws Exception {
        runner.submit(new DriverMessage.Execute(0, CodeKind.SQL, "a"));
        runner.submit(new DriverMessage.Execute(1, CodeKind.SQL, "b"));

        assertEquals(List.of("started 0", "enter 0 on statement-runner", "execute 0 on statement-runner", "exit 0",
                "completed 0", "started 1", "enter 1 on statement-runner", "execute 1 on statement-runner",
                "exit 1", "completed 1"), take(10));
    }

    @Test
    void cancellingTheRunningStatementCancelsItsJobGroupInterruptsItAndKeepsWhatItSaid() throws Exception {
        runner.submit(new DriverMessage.Execute(0, CodeKind.SQL, "wait"));
        assertEquals(List.of("started 0", "enter 0 on statement-runner", "execute 0 on statement-runner"), take(3));

        runner.cancel(0);

        // The server, which moved the statement to cancelling, makes it cancelled with this output, as Livy does.
        assertEquals(List.of("cancel 0", "interrupt", "exit 0", "completed 0"), take(4));
        assertEquals("interrupted", outputs.get(0).get("data").get("text/plain").asText());
    }

    @Test
    void aStatementThatThrowsAnErrorEndsWithItAsOutputAndTheNextStatementRuns() throws Exception {
        runner.submit(new DriverMessage.Execute(0, CodeKind.SQL, "out of memory"));
        runner.submit(new DriverMessage.Execute(1, CodeKind.SQL, "b"));

        assertEquals(List.of("started 0", "enter 0 on statement-runner", "execute 0 on statement-runner", "exit 0",
                "completed 0", "started 1", "enter 1 on statement-runner", "execute 1 on statement-runner",
                "exit 1", "completed 1"), take(10));
        ObjectNode failed = outputs.get(0);
        assertEquals("error", failed.get("status").asText());
        assertEquals("InternalError", failed.get("ename").asText());
        assertEquals("java.lang.OutOfMemoryError: Java heap space", failed.get("evalue").asText());
        assertEquals("b", outputs.get(1).get("data").get("text/plain").asText());
    }

    private void record(DriverMessage.FromDriver message) {
        if (message instanceof DriverMessage.StatementStarted started) {
            events.add("started " + started.statementId());
        } else if (message instanceof DriverMessage.StatementCompleted completed) {
            outputs.put(completed.statementId(), completed.output().toJson());
            events.add("completed " + completed.statementId());
        } else if (message instanceof DriverMessage.StatementCancelled cancelled) {
            events.add("cancelled " + cancelled.statementId());
        }
    }

    private List<String> take(int count) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        while (taken.size() < count) {
            String event = events.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                break;
            }
            taken.add(event);
        }
        return taken;
    }

    private final class RecordingInterpreter implements Interpreter {
        @Override
        public StatementOutput execute(int statementId, String code) {
            events.add("execute " + statementId + " on " + Thread.currentThread().getName());
            if (code.equals("out of memory")) {
                throw new OutOfMemoryError("Java heap space");
            }
            if (code.equals("wait")) {
                try {
                    interrupted.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Outputs.ok(statementId, "interrupted");
            }
            return Outputs.ok(statementId, code);
        }

        @Override
        public List<String> complete(String code, int cursor) {
            return List.of();
        }

        @Override
        public void interrupt() {
            events.add("interrupt");
            interrupted.countDown();
        }

        @Override
        public void close() {
        }
    }

    private final class RecordingJobGroups implements JobGroups {
        @Override
        public void enter(int statementId) {
            events.add("enter " + statementId + " on " + Thread.currentThread().getName());
        }

        @Override
        public void exit(int statementId) {
            events.add("exit " + statementId);
        }

        @Override
        public void cancel(int statementId) {
            events.add("cancel " + statementId);
        }
    }
}
