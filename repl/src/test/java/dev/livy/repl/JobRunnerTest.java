package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.JobState;
import dev.livy.common.protocol.DriverMessage;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.livy.Job;
import org.apache.livy.JobContext;
import org.apache.livy.client.common.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jobs serialized exactly as Livy's client serializes them, run without Spark against a fake job context. */
class JobRunnerTest {
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    private final BlockingQueue<DriverMessage.FromDriver> toServer = new LinkedBlockingQueue<>();
    private final FakeJobContext.NoSparkJobs sparkJobs = new FakeJobContext.NoSparkJobs();
    private final JobRunner runner = new JobRunner(new JobClassLoader(getClass().getClassLoader()),
            new FakeJobContext(), sparkJobs, toServer::add, 1024);
    private final Serializer clientSerializer = new Serializer();

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void aJobsResultGoesBackSerializedTheWayTheClientReadsIt() throws InterruptedException {
        runner.run(new DriverMessage.RunJob(0, serialized(new AddJob(1, 1))));

        assertEquals(new DriverMessage.JobStarted(0), next());
        DriverMessage.JobFinished finished = (DriverMessage.JobFinished) next();
        assertEquals(JobState.SUCCEEDED, finished.state());
        assertNull(finished.error());
        assertEquals(2, clientSerializer.deserialize(ByteBuffer.wrap(Base64.getDecoder().decode(finished.result()))));
    }

    @Test
    void jobsShareObjectsThroughTheirContext() throws InterruptedException {
        runner.run(new DriverMessage.RunJob(0, serialized(new ShareJob("counter", 41))));
        next();
        next();
        runner.run(new DriverMessage.RunJob(1, serialized(new ShareJob("counter", 1))));
        next();

        DriverMessage.JobFinished finished = (DriverMessage.JobFinished) next();
        assertEquals(42, clientSerializer.deserialize(ByteBuffer.wrap(Base64.getDecoder().decode(finished.result()))));
    }

    @Test
    void aJobsExceptionIsItsErrorWithTheStackTrace() throws InterruptedException {
        runner.run(new DriverMessage.RunJob(3, serialized(new FailingJob())));

        assertEquals(new DriverMessage.JobStarted(3), next());
        DriverMessage.JobFinished finished = (DriverMessage.JobFinished) next();
        assertEquals(JobState.FAILED, finished.state());
        assertTrue(finished.error().startsWith("java.lang.IllegalStateException: the job says no"), finished.error());
        assertTrue(finished.error().contains("at dev.livy.repl.JobRunnerTest$FailingJob.call"), finished.error());
    }

    @Test
    void aResultOverTheOutputLimitFailsTheJobSayingWhy() throws InterruptedException {
        runner.run(new DriverMessage.RunJob(6, serialized(new BytesJob(2000))));

        next();
        DriverMessage.JobFinished finished = (DriverMessage.JobFinished) next();
        assertEquals(JobState.FAILED, finished.state());
        assertNull(finished.result());
        assertTrue(finished.error().startsWith("The result of job 6 is "), finished.error());
        assertTrue(finished.error().contains("more than the 1024 bytes allowed (livy.rsc.statement.max-output-size)"),
                finished.error());
    }

    @Test
    void bytesThatAreNoJobFailTheJobNotTheDriver() throws InterruptedException {
        runner.run(new DriverMessage.RunJob(4, Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})));

        next();
        DriverMessage.JobFinished finished = (DriverMessage.JobFinished) next();
        assertEquals(JobState.FAILED, finished.state());
    }

    @Test
    void aCancelledJobCancelsItsSparkJobsAndIsReportedCancelledOnce() throws InterruptedException {
        runner.run(new DriverMessage.RunJob(5, serialized(new BlockingJob())));
        assertEquals(new DriverMessage.JobStarted(5), next());

        runner.cancel(5);

        assertEquals(new DriverMessage.JobFinished(5, JobState.CANCELLED, null, null), next());
        assertEquals(Set.of("livy-job-5"), sparkJobs.cancelledGroups);
        assertNull(toServer.poll(300, TimeUnit.MILLISECONDS), "the interrupted job reports nothing more");
    }

    private DriverMessage.FromDriver next() throws InterruptedException {
        return toServer.poll(10, TimeUnit.SECONDS);
    }

    private String serialized(Job<?> job) {
        ByteBuffer buffer = clientSerializer.serialize(job);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static final class AddJob implements Job<Integer> {
        private final int left;
        private final int right;

        AddJob(int left, int right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public Integer call(JobContext context) {
            return left + right;
        }
    }

    static final class ShareJob implements Job<Integer> {
        private final String name;
        private final int add;

        ShareJob(String name, int add) {
            this.name = name;
            this.add = add;
        }

        @Override
        public Integer call(JobContext context) {
            int before = context.removeSharedObject(name) instanceof Integer value ? value : 0;
            context.setSharedObject(name, before + add);
            return before + add;
        }
    }

    static final class BytesJob implements Job<byte[]> {
        private final int size;

        BytesJob(int size) {
            this.size = size;
        }

        @Override
        public byte[] call(JobContext context) {
            return new byte[size];
        }
    }

    static final class FailingJob implements Job<Void> {
        @Override
        public Void call(JobContext context) {
            throw new IllegalStateException("the job says no");
        }
    }

    static final class BlockingJob implements Job<Void> {
        @Override
        public Void call(JobContext context) throws InterruptedException {
            NEVER.await();
            return null;
        }
    }
}
