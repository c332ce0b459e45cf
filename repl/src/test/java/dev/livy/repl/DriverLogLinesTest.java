package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/** The driver's log4j lines reach the forwarder while attached, in Spark's console pattern, and not after. */
class DriverLogLinesTest {

    @Test
    void linesLoggedWhileAttachedAreHandedOnWithTheirStackTraces() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Runnable detach = DriverLogLines.attach(lines::add);
        LogManager.getLogger("org.apache.spark.SparkContext").error("logged by the driver",
                new IllegalStateException("boom"));
        detach.run();
        LogManager.getLogger("org.apache.spark.SparkContext").error("logged after");

        assertTrue(lines.get(0).endsWith(" ERROR SparkContext: logged by the driver"), lines.toString());
        assertEquals("java.lang.IllegalStateException: boom", lines.get(1));
        assertTrue(lines.stream().noneMatch(line -> line.contains("logged after")), lines.toString());
    }
}
