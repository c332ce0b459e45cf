package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSubmitCommandTest {
    private final SparkSubmitCommand command = new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client");

    @Test
    void mapsEveryRequestFieldOntoItsSparkSubmitOption() {
        SparkResources resources = new SparkResources("my app", "alice", List.of("a.jar", "b.jar"),
                List.of("m.py"), List.of("f.txt"), List.of("env.zip#env"), "1g", 2, "512m", 3, 4, "etl",
                Map.of("spark.x", "1"));

        List<String> argv = command.build(resources, Map.of(), "dev.Main", "app.jar", List.of("arg 1", "arg2"));

        assertEquals(List.of("/opt/spark/bin/spark-submit", "--master", "local[*]", "--deploy-mode", "client",
                "--name", "my app", "--class", "dev.Main", "--proxy-user", "alice", "--jars", "a.jar,b.jar",
                "--py-files", "m.py", "--files", "f.txt", "--archives", "env.zip#env", "--driver-memory", "1g",
                "--driver-cores", "2", "--executor-memory", "512m", "--executor-cores", "3", "--num-executors", "4",
                "--queue", "etl", "--conf", "spark.x=1", "app.jar", "arg 1", "arg2"), argv);
    }

    @Test
    void leavesOutWhatTheRequestDoesNotSet() {
        SparkResources resources = new SparkResources(null, null, List.of(), List.of(), List.of(), List.of(),
                null, null, null, null, null, null, Map.of());

        List<String> argv = command.build(resources, Map.of(), null, "app.py", List.of());

        assertEquals(List.of("/opt/spark/bin/spark-submit", "--master", "local[*]", "--deploy-mode", "client",
                "app.py"), argv);
    }

    @Test
    void keepsShellMetacharactersAsPlainArguments() {
        String hostile = "x; rm -rf / $(id) `id` 'q' \"d\"";
        SparkResources resources = new SparkResources(hostile, null, List.of(), List.of(), List.of(), List.of(),
                null, null, null, null, null, null, Map.of("spark.y", hostile));

        List<String> argv = command.build(resources, Map.of(), null, "app.py", List.of(hostile));

        assertTrue(argv.contains(hostile), "the name is one argument");
        assertTrue(argv.contains("spark.y=" + hostile), "the conf value is one argument");
        assertEquals(hostile, argv.get(argv.size() - 1));
    }

    @Test
    void serverConfWinsOverTheUsersConf() {
        SparkResources resources = new SparkResources(null, null, List.of(), List.of(), List.of(), List.of(),
                null, null, null, null, null, null, Map.of("spark.repl.x", "user"));

        List<String> argv = command.build(resources, Map.of("spark.repl.x", "server"), null, "app.py", List.of());

        assertTrue(argv.contains("spark.repl.x=server"));
        assertFalse(argv.contains("spark.repl.x=user"));
    }
}
