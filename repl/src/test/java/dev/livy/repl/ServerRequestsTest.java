package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.CodeKind;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.StatementOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver's side of the protocol, with a fake interpreter and a fake channel in place of the server. */
class ServerRequestsTest {
    private final BlockingQueue<DriverMessage.FromDriver> toServer = new LinkedBlockingQueue<>();
    private final List<Runnable> completionTasks = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger boundTo = new AtomicInteger(-1);
    private final Interpreters interpreters = new Interpreters(Map.of(CodeKind.SQL, EchoInterpreter::new));
    private final StatementLedger ledger = new StatementLedger(toServer::add, 2, 300);
    private final StatementRunner runner = new StatementRunner(interpreters, ledger, new NoJobGroups(),
            new OutputSizeLimit(1024));
    private final JobRunner jobs = new JobRunner(new JobClassLoader(getClass().getClassLoader()),
            new FakeJobContext(), new FakeJobContext.NoSparkJobs(), toServer::add, 1024);
    private final List<DriverMessage.AddResource> added = new ArrayList<>();
    private final ServerRequests requests = new ServerRequests(runner, ledger, jobs, added::add, interpreters,
            completionTasks::add,
            toServer::add, () -> stopped.set(true), boundTo::set);

    @AfterEach
    void closeRunner() {
        runner.close();
        jobs.close();
        interpreters.close();
    }

    @Test
    void anExecutedStatementStartsAndCompletesWithItsOutput() throws InterruptedException {
        runner.start();

        new DriverMessage.Execute(0, CodeKind.SQL, "select 1").accept(requests);

        assertEquals(new DriverMessage.StatementStarted(0), next());
        DriverMessage.StatementCompleted completed = (DriverMessage.StatementCompleted) next();
        assertEquals(0, completed.statementId());
        assertEquals("select 1", completed.output().toJson().get("data").get("text/plain").asText());
    }

    @Test
    void aStatementCancelledBeforeItRunsIsReportedCancelledAndNeverRuns() throws InterruptedException {
        new DriverMessage.Cancel(0).accept(requests);
        new DriverMessage.Execute(0, CodeKind.SQL, "select 1").accept(requests);
        new DriverMessage.Execute(1, CodeKind.SQL, "select 2").accept(requests);
        runner.start();

        assertEquals(new DriverMessage.StatementCancelled(0), next());
        assertEquals(new DriverMessage.StatementStarted(1), next());
    }

    @Test
    void aCompletionIsAnsweredFromItsOwnExecutorNotTheReaderThread() throws InterruptedException {
        interpreters.put(CodeKind.SQL, new EchoInterpreter());

        new DriverMessage.Complete(12, CodeKind.SQL, "sel", 3).accept(requests);

        assertTrue(toServer.isEmpty(), "nothing is answered on the reader thread");
        assertEquals(1, completionTasks.size());
        completionTasks.get(0).run();
        assertEquals(new DriverMessage.CompletionResult(12, List.of("sel|3")), next());
    }

    @Test
    void aRestartedServerIsToldHowEachStatementEndedThatOneWaitsOrThatOneNeverArrived() throws InterruptedException {
        runner.start();
        new DriverMessage.Execute(0, CodeKind.SQL, "select 0").accept(requests);
        new DriverMessage.Cancel(1).accept(requests);
        new DriverMessage.Execute(1, CodeKind.SQL, "select 1").accept(requests);
        assertEquals(new DriverMessage.StatementStarted(0), next());
        DriverMessage.FromDriver completed = next();
        assertEquals(new DriverMessage.StatementCancelled(1), next());

        new DriverMessage.Resync(List.of(0, 1, 7)).accept(requests);

        assertEquals(completed, next(), "the output of a statement that ended while the server was away");
        assertEquals(new DriverMessage.StatementCancelled(1), next());
        assertEquals(new DriverMessage.StatementUnknown(7), next(), "the server sends it again");
        assertTrue(toServer.isEmpty());
    }

    @Test
    void aStatementWhoseOutputTheRecordNoLongerKeepsIsAnErrorNeverARerun() throws InterruptedException {
        runner.start();
        for (int id = 0; id < 3; id++) {
            new DriverMessage.Execute(id, CodeKind.SQL, "select " + id).accept(requests);
            assertEquals(new DriverMessage.StatementStarted(id), next());
            next();
        }
        new DriverMessage.Execute(3, CodeKind.SQL, "x".repeat(400)).accept(requests);
        assertEquals(new DriverMessage.StatementStarted(3), next());
        next();

        new DriverMessage.Resync(List.of(0, 3)).accept(requests);

        for (int id : List.of(0, 3)) {
            DriverMessage.StatementCompleted lost = (DriverMessage.StatementCompleted) next();
            assertEquals(id, lost.statementId(), "beyond the record's two statements or its 300 bytes");
            assertEquals("OutputLost", lost.output().toJson().get("ename").asText());
        }
    }

    @Test
    void shutdownStopsTheDriver() {
        new DriverMessage.Shutdown().accept(requests);

        assertTrue(stopped.get());
    }

    private DriverMessage.FromDriver next() throws InterruptedException {
        return toServer.poll(10, TimeUnit.SECONDS);
    }

    /** Answers each statement with its code, and each completion with the code and cursor it was asked for. */
    private static final class EchoInterpreter implements Interpreter {
        @Override
        public StatementOutput execute(int statementId, String code) {
            return Outputs.ok(statementId, code);
        }

        @Override
        public List<String> complete(String code, int cursor) {
            return List.of(code + "|" + cursor);
        }

        @Override
        public void interrupt() {
        }

        @Override
        public void close() {
        }
    }

    private static final class NoJobGroups implements JobGroups {
        @Override
        public void enter(int statementId) {
        }

        @Override
        public void exit(int statementId) {
        }

        @Override
        public void cancel(int statementId) {
        }
    }

    @Test
    void bindHandsThePooledDriverToTheSession() {
        new DriverMessage.Bind(7).accept(requests);

        assertEquals(7, boundTo.get());
    }
}
