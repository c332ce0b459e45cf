package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class REnvironmentTest {
    @Test
    void rReadsTheProgramFromAFileAndKeepsItsStdinForRequests() {
        assertEquals(List.of("/opt/R/bin/R", "--no-save", "--no-restore", "--quiet", "--no-echo", "-f",
                "/tmp/livy-r-1/livy_repl.R"),
                REnvironment.command("/opt/R/bin/R", Path.of("/tmp/livy-r-1/livy_repl.R")));
    }

    @Test
    void theBackendPortAndSecretAreInTheEnvironment() {
        Map<String, String> variables = REnvironment.variables(40123, "s3cret", Path.of("/tmp/livy-r-1"), "M", 1024,
                Path.of("/opt/spark/R/lib"));

        assertEquals("40123", variables.get("EXISTING_SPARKR_BACKEND_PORT"));
        assertEquals("s3cret", variables.get("SPARKR_BACKEND_AUTH_SECRET"));
        assertEquals("/tmp/livy-r-1", variables.get("LIVY_R_SCRATCH"));
        assertEquals("1024", variables.get("LIVY_REPL_MAX_OUTPUT_SIZE"));
        assertEquals("/opt/spark/R/lib", variables.get("LIVY_SPARKR_LIB"));
    }
}
