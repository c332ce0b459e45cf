package dev.livy.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.livy.common.api.CreateBatchRequest;
import dev.livy.server.error.LivyException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchRequestValidatorTest {
    private final BatchRequestValidator validator = new BatchRequestValidator(
            new SparkResourcesValidator(new SparkConfBlacklist(List.of("spark.master")),
                    new LocalPathWhitelist(List.of("/srv/jobs"))));

    @Test
    void mapsEveryFieldAndRunsAsTheGivenProxyUser() {
        CreateBatchRequest request = new CreateBatchRequest("/srv/jobs/etl.jar", "alice", "com.example.Etl",
                List.of("--day", "1"), List.of("hdfs:///lib/a.jar"), List.of(), List.of("/srv/jobs/data.csv"), "1g",
                1, "2g", 2, 3, List.of(), "default", "etl", Map.of("spark.sql.shuffle.partitions", "4"));

        NewBatch batch = validator.validate(request, "bob");

        assertEquals("/srv/jobs/etl.jar", batch.file());
        assertEquals("com.example.Etl", batch.className());
        assertEquals(List.of("--day", "1"), batch.args());
        assertEquals("bob", batch.resources().proxyUser());
        assertEquals("etl", batch.resources().name());
        assertEquals(List.of("/srv/jobs/data.csv"), batch.resources().files());
    }

    @Test
    void rejectsWhatCannotBeRun() {
        assertMessage("File is required.", request(null, null, Map.of()));
        assertMessage("File is required.", request(" ", null, Map.of()));
        assertMessage("Field 'file': local path '/home/eve/x.py' is not in a directory listed in "
                + "livy.file.local-dir-whitelist ([/srv/jobs]).", request("/home/eve/x.py", null, Map.of()));
        assertMessage("Blacklisted configuration values in batch config: spark.master.",
                request("/srv/jobs/x.py", null, Map.of("spark.master", "yarn")));
        assertMessage("Field 'conf.spark.jars': local path '/tmp/evil.jar' is not in a directory listed in "
                + "livy.file.local-dir-whitelist ([/srv/jobs]).",
                request("/srv/jobs/x.py", null, Map.of("spark.jars", "hdfs:///ok.jar,/tmp/evil.jar")));
    }

    private void assertMessage(String expected, CreateBatchRequest request) {
        assertEquals(expected, assertThrows(LivyException.class, () -> validator.validate(request, null)).getMessage());
    }

    private static CreateBatchRequest request(String file, String name, Map<String, String> conf) {
        return new CreateBatchRequest(file, null, null, null, null, null, null, null, null, null, null, null, null,
                null, name, conf);
    }
}
