package dev.livy.repl;

import dev.livy.common.protocol.DriverSettings;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The program the server runs once per Spark home and JDK, with {@code -XX:ArchiveClassesAtExit}, to write the
 * class archive drivers share: it loads what drivers load from Spark's class path (a SparkSession, a first query
 * and job, the Scala compiler compiling a first line) and exits.
 */
public final class ClassArchiveBuilder {
    private ClassArchiveBuilder() {
    }

    public static void main(String[] args) {
        ReplClasses replClasses = ReplClasses.create(Path.of(System.getProperty("java.io.tmpdir")),
                Thread.currentThread().getContextClassLoader());
        SparkSession spark = ReplDriver.createSparkSession(replClasses);
        OutputSizeLimit outputLimit = OutputSizeLimit.from(DriverSettings.DEFAULTS);
        try (ScalaInterpreter scala = ScalaInterpreter.start(replClasses, outputLimit)) {
            spark.sql("SELECT 1").collectAsList();
            spark.range(10).count();
            scala.bindSpark(spark);
            scala.execute(0, "1 + 1");
        } finally {
            spark.stop();
            replClasses.close();
        }
    }
}
