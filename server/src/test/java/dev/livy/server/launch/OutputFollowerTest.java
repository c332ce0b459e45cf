package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.server.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFollowerTest {
    @TempDir
    Path directory;

    @Test
    void linesArePassedOnAsTheFilesGrowAndAHalfLineOnlyOnceComplete() throws Exception {
        RecordedOutput output = new RecordedOutput();
        try (OutputFollower follower = new OutputFollower()) {
            OutputFollower.Followed files = follower.follow(directory, output);
            Path stdout = directory.resolve(DetachedProcesses.STDOUT_FILE);
            Files.writeString(stdout, "first\nsec");
            Eventually.holds(() -> output.stdoutLines().equals(List.of("first")));

            Files.writeString(stdout, "ond\n", StandardOpenOption.APPEND);
            Files.writeString(directory.resolve(DetachedProcesses.STDERR_FILE), "warning\n");
            Eventually.holds(() -> output.stdoutLines().equals(List.of("first", "second")));
            Eventually.holds(() -> output.stderrLines().equals(List.of("warning")));

            Files.writeString(stdout, "unfinished", StandardOpenOption.APPEND);
            follower.finish(files).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("first", "second", "unfinished"), output.stdoutLines());
        }
    }
}
