package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSubmitCommandTest {
    private static final Path PROPERTIES = Path.of("/work/session-1/spark-submit.conf");

    private final SparkSubmitCommand command = new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client",
            Map.of("spark.eventLog.enabled", "true", "spark.x", "default"));

    @Test
    void mapsEveryRequestFieldOntoItsSparkSubmitOption() {
        SparkResources resources = new SparkResources("my app", "alice", List.of("a.jar", "b.jar"),
                List.of("m.py"), List.of("f.txt"), List.of("env.zip#env"), "1g", 2, "512m", 3, 4, "etl",
                Map.of("spark.x", "1"));

        SparkSubmit submit = command.build(resources, Map.of(), "dev.Main", "app.jar", List.of("arg 1", "arg2"),
                PROPERTIES);

        assertEquals(List.of("/opt/spark/bin/spark-submit", "--master", "local[*]", "--deploy-mode", "client",
                "--name", "my app", "--class", "dev.Main", "--proxy-user", "alice", "--jars", "a.jar,b.jar",
                "--py-files", "m.py", "--files", "f.txt", "--archives", "env.zip#env", "--driver-memory", "1g",
                "--driver-cores", "2", "--executor-memory", "512m", "--executor-cores", "3", "--num-executors", "4",
                "--queue", "etl", "--properties-file", PROPERTIES.toString(), "app.jar", "arg 1", "arg2"),
                submit.argv());
        assertEquals(Map.of("spark.x", "1", "spark.eventLog.enabled", "true"), submit.properties(),
                "spark-defaults.conf under the user's conf");
    }

    @Test
    void secretsStayOffTheCommandLine() {
        SparkResources resources = new SparkResources(null, null, List.of(), List.of(), List.of(), List.of(),
                null, null, null, null, null, null, Map.of("spark.hadoop.fs.s3a.secret.key", "AKIA-very-secret"));

        SparkSubmit submit = command.build(resources, Map.of(), null, "app.py", List.of(), PROPERTIES);

        assertTrue(submit.argv().stream().noneMatch(argument -> argument.contains("very-secret")),
                submit.argv().toString());
        assertEquals("AKIA-very-secret", submit.properties().get("spark.hadoop.fs.s3a.secret.key"));
    }

    @Test
    void thePropertiesFileIsForTheServersUserOnlyAndReadsBackAsWritten(@TempDir Path directory)
            throws IOException {
        SparkResources resources = new SparkResources(null, null, List.of(), List.of(), List.of(), List.of(),
                null, null, null, null, null, null, Map.of("spark.y", "a=b: c\\d \u00e9\n#not a comment"));
        Path file = directory.resolve("spark-submit.conf");

        command.build(resources, Map.of(), null, "app.py", List.of(), file).writeProperties(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Properties read = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read.load(reader);
        }
        assertEquals("a=b: c\\d \u00e9\n#not a comment", read.getProperty("spark.y"));
        assertEquals("default", read.getProperty("spark.x"));
    }

    @Test
    void leavesOutWhatTheRequestDoesNotSet() {
        SparkResources resources = new SparkResources(null, null, List.of(), List.of(), List.of(), List.of(),
                null, null, null, null, null, null, Map.of());

        List<String> argv = command.build(resources, Map.of(), null, "app.py", List.of(), PROPERTIES).argv();

        assertEquals(List.of("/opt/spark/bin/spark-submit", "--master", "local[*]", "--deploy-mode", "client",
                "--properties-file", PROPERTIES.toString(), "app.py"), argv);
    }

    @Test
    void keepsShellMetacharactersAsPlainArguments() {
        String hostile = "x; rm -rf / $(id) `id` 'q' \"d\"";
        SparkResources resources = new SparkResources(hostile, null, List.of(), List.of(), List.of(), List.of(),
                null, null, null, null, null, null, Map.of("spark.y", hostile));

        SparkSubmit submit = command.build(resources, Map.of(), null, "app.py", List.of(hostile), PROPERTIES);

        assertTrue(submit.argv().contains(hostile), "the name is one argument");
        assertEquals(hostile, submit.properties().get("spark.y"), "the conf value is one property");
        assertEquals(hostile, submit.argv().get(submit.argv().size() - 1));
    }

    @Test
    void serverConfWinsOverTheUsersConf() {
        SparkResources resources = new SparkResources(null, null, List.of(), List.of(), List.of(), List.of(),
                null, null, null, null, null, null, Map.of("spark.repl.x", "user"));

        SparkSubmit submit = command.build(resources, Map.of("spark.repl.x", "server"), null, "app.py", List.of(),
                PROPERTIES);

        assertEquals("server", submit.properties().get("spark.repl.x"));
    }
}
