package dev.livy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/run --quick} still works: it exits 0 and its result file holds every section with plausible
 * figures. Whether the performance targets are met is not asserted here: this machine is shared and noisy, and
 * {@code bench/compare} is the regression check (see docs/benchmarks.md).
 */
class BenchmarkHarnessIT {

    @TempDir
    Path directory;

    @Test
    void quickRunMeasuresEverySection() throws Exception {
        Path result = directory.resolve("result.json");
        Process process = new ProcessBuilder(LivyServerProcess.LIVY_HOME.resolve("bench/run").toString(),
                "--quick", "--output", result.toString())
                .redirectErrorStream(true).redirectOutput(result.resolveSibling("output.txt").toFile()).start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            // SIGTERM: the harness stops its servers (and their drivers) on the way out.
            process.destroy();
            process.waitFor(2, TimeUnit.MINUTES);
        }
        String output = Files.readString(result.resolveSibling("output.txt"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);

        JsonPath json = JsonPath.from(new File(result.toString()));
        assertEquals("quick", json.getString("mode"));
        for (String figure : List.of("start.floor.python.median_s", "start.floor.jvm.median_s",
                "start.kinds.pyspark.median_s", "start.kinds.spark.median_s", "start.kinds.sql.median_s",
                "statements.pyspark.p50_ms", "statements.spark.p50_ms", "statements.sql.p50_ms",
                "big.text.p50_ms", "big.table.p50_ms",
                "pool.kinds.pyspark.post_to_idle.p50_ms", "pool.kinds.sql.post_to_idle.p50_ms",
                "pool.kinds.spark.post_to_idle.p50_ms", "pool.burst.post_to_idle.p50_ms", "pool.burst.refill_s",
                "reads.statement.requests_per_s", "reads.sessions.requests_per_s", "reads.rss_after_load_mib",
                "memory.server_rss_idle_mib", "memory.server_rss_with_sessions_mib",
                "memory.driver_rss_median_mib", "capacity.seconds_until_all_settled",
                "recovery.restart.seconds_until_all_idle", "recovery.post_statement.recovery.p50_ms",
                "recovery.post_statement.off.p50_ms", "recovery.reads.recovery.requests_per_s",
                "recovery.reads.off.requests_per_s")) {
            assertTrue(json.getDouble(figure) > 0, figure + " is positive in\n" + output);
        }
        assertEquals(json.getInt("capacity.sessions_requested"), json.getInt("capacity.sessions_idle_at_once"),
                output);
        for (String pooled : List.of("pool.kinds.pyspark", "pool.kinds.sql", "pool.kinds.spark", "pool.burst")) {
            assertEquals(json.getInt(pooled + ".sessions"), json.getInt(pooled + ".pooled_sessions"),
                    "every session of " + pooled + " took a pooled driver\n" + output);
        }
        assertFalse(json.getList("targets").isEmpty(), output);
        assertTrue(json.getList("leftover_processes").isEmpty(), "every process the harness started has stopped");
    }
}
