package dev.livy.repl;

import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The driver's log4j lines (Spark's and the driver's own), in Spark's console pattern, handed to a consumer as
 * well as to the appenders the driver's configuration has. Needed because log4j's console appender holds the
 * {@code System.err} of the moment logging started, before a {@link DriverOutputForwarder} could tee it. Thread-safe
 * (log4j serialises nothing here; the consumer must be thread-safe).
 */
final class DriverLogLines extends AbstractAppender {
    private static final String NAME = "livy-driver-output";
    private static final String SPARK_CONSOLE_PATTERN = "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex";

    private final Consumer<String> lines;

    private DriverLogLines(Consumer<String> lines) {
        super(NAME, null, PatternLayout.newBuilder().withPattern(SPARK_CONSOLE_PATTERN).build(), true,
                Property.EMPTY_ARRAY);
        this.lines = lines;
    }

    /** Adds the appender to the root logger of the driver's logging, if that is log4j 2; returns how to remove it. */
    static Runnable attach(Consumer<String> lines) {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return () -> { };
        }
        Configuration configuration = context.getConfiguration();
        Appender appender = new DriverLogLines(lines);
        appender.start();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
        return () -> {
            configuration.getRootLogger().removeAppender(NAME);
            context.updateLoggers();
            appender.stop();
        };
    }

    @Override
    public void append(LogEvent event) {
        String formatted = getLayout().toSerializable(event).toString();
        formatted.lines().forEach(lines);
    }
}
