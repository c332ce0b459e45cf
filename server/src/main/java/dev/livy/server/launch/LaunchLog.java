package dev.livy.server.launch;

import dev.livy.server.security.Redaction;
import dev.livy.server.util.LogText;
import org.slf4j.Logger;

/** The server log's lines about a launch, the same for sessions and batches: never a secret's value. */
public final class LaunchLog {
    private LaunchLog() {
    }

    /**
     * Logs the argv and the redacted properties, and warns about each secret-looking system property in Java
     * options, which Spark (not this server) puts on a JVM's command line.
     *
     * @param subject "Session 3", "Batch 7"
     */
    public static void launching(Logger log, String subject, SparkSubmit submit) {
        log.info("{}: {} with properties {}", subject, LogText.escape(submit.argv()),
                LogText.escape(Redaction.redact(submit.properties())));
        for (String option : Redaction.secretJavaOptions(submit.properties())) {
            log.warn("{}: {}; Spark passes Java options on the JVM's command line, where other local users can "
                    + "read them (ps): pass secrets another way", subject, LogText.escape(option));
        }
    }
}
