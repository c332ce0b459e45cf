package dev.livy.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.server.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local-path whitelist over real HTTP, against the ways spark-submit would open something other than what a
 * naive check sees: each is a 400 that says why, in every path field and in the conf keys that carry paths, and
 * nothing is launched or logged as an error.
 */
class LocalPathResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WILDCARD = "must not contain '?', '*', '[', ']', '{' or '}': spark-submit would "
            + "read them as a query or a wildcard.";
    private static final String DOT_DOT = "must not contain '..': name the file by its path inside the "
            + "whitelisted directory.";
    private static final String COMMA = "must not contain a comma: spark-submit would read it as two paths.";
    private static final String CONTROL = "must not contain control characters such as a NUL byte.";

    @RegisterExtension
    final InProcessServers server = InProcessServers.startedBeforeEachTest();
    /** A test instance per test: each captures its own. */
    private final LogCapture logs = LogCapture.all();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void aQueryInAPathIsRefusedWithOrWithoutAScheme() throws Exception {
        String escape = "/srv/jobs/x.py?/../../outside/evil.py";
        assertBatchRefused(Map.of("file", escape), "Field 'file': local path '" + escape + "' " + WILDCARD);
        assertBatchRefused(Map.of("file", "/srv/jobs/x.py", "jars", List.of("file:/srv/jobs/x.jar?/../../../e.jar")),
                "Field 'jars': local path 'file:/srv/jobs/x.jar?/../../../e.jar' " + WILDCARD);
        assertBatchRefused(Map.of("file", "/srv/jobs/x.py", "conf", Map.of("spark.jars", "/srv/jobs/a.jar," + escape)),
                "Field 'conf.spark.jars': local path '" + escape + "' " + WILDCARD);
        assertSessionRefused(Map.of("conf", Map.of("spark.yarn.dist.pyFiles", "local:" + escape)),
                "Field 'conf.spark.yarn.dist.pyFiles': local path 'local:" + escape + "' " + WILDCARD);
        assertSessionRefused(Map.of("files", List.of("/srv/jobs/*/evil.py")),
                "Field 'files': local path '/srv/jobs/*/evil.py' " + WILDCARD);
        assertSessionRefused(Map.of("conf", Map.of("spark.files", "/srv/jobs/lin[k]/evil.py")),
                "Field 'conf.spark.files': local path '/srv/jobs/lin[k]/evil.py' " + WILDCARD);
        assertNothingLaunchedOrLoggedAsAnError();
    }

    @Test
    void dotDotIsRefusedBecauseALinkBeforeItCouldLeadAnywhere() throws Exception {
        assertBatchRefused(Map.of("file", "/srv/jobs/link/../evil.py"),
                "Field 'file': local path '/srv/jobs/link/../evil.py' " + DOT_DOT);
        assertBatchRefused(Map.of("file", "file:/srv/jobs/link/%2e%2e/evil.py"),
                "Field 'file': local path 'file:/srv/jobs/link/%2e%2e/evil.py' " + DOT_DOT);
        assertSessionRefused(Map.of("pyFiles", List.of("/srv/jobs/link/..")),
                "Field 'pyFiles': local path '/srv/jobs/link/..' " + DOT_DOT);
        assertSessionRefused(Map.of("archives", List.of("/srv/jobs/link/../env.zip#env")),
                "Field 'archives': local path '/srv/jobs/link/../env.zip#env' " + DOT_DOT);
        for (String key : List.of("spark.jars", "spark.submit.pyFiles", "spark.files", "spark.archives",
                "spark.yarn.dist.jars", "spark.yarn.dist.files", "spark.yarn.dist.archives")) {
            assertSessionRefused(Map.of("conf", Map.of(key, "hdfs:///a.jar, /srv/jobs/link/../evil.py")),
                    "Field 'conf." + key + "': local path '/srv/jobs/link/../evil.py' " + DOT_DOT);
        }
        assertNothingLaunchedOrLoggedAsAnError();
    }

    @Test
    void aCommaInsideOnePathIsRefusedInEveryListAndInFile() throws Exception {
        for (String field : List.of("jars", "pyFiles", "files", "archives")) {
            assertSessionRefused(Map.of(field, List.of("/srv/jobs/a,/etc/evil")),
                    "Field '" + field + "': path '/srv/jobs/a,/etc/evil' " + COMMA);
        }
        assertBatchRefused(Map.of("file", "/srv/jobs/x.py", "jars", List.of("hdfs:///a.jar,/etc/evil.jar")),
                "Field 'jars': path 'hdfs:///a.jar,/etc/evil.jar' " + COMMA);
        assertBatchRefused(Map.of("file", "/srv/jobs/x.py,/etc/evil.py"),
                "Field 'file': path '/srv/jobs/x.py,/etc/evil.py' " + COMMA);
        assertNothingLaunchedOrLoggedAsAnError();
    }

    @Test
    void aPercentSignMeansWhatSparkSubmitMakesOfIt() throws Exception {
        assertBatchRefused(Map.of("file", "/%73rv/jobs/x.py"), "Field 'file': local path '/%73rv/jobs/x.py' is not "
                + "in a directory listed in livy.file.local-dir-whitelist ([/srv/jobs]).");
        server.http().body(JSON.writeValueAsString(Map.of("file", "/srv/jobs/x.py",
                "archives", List.of("/srv/jobs/env%20one.zip#env", "file:/srv/jobs/env%20two.zip#env2"))))
                .post("/batches").then().statusCode(201);
    }

    @Test
    void aNulByteOrOtherControlCharacterInAnyPathIs400() throws Exception {
        assertBatchRefused(Map.of("file", "/srv/jobs/x\u0000.py"),
                "Field 'file': path '/srv/jobs/x\\u0000.py' " + CONTROL);
        assertBatchRefused(Map.of("file", "hdfs:///x\u0000.py"), "Field 'file': path 'hdfs:///x\\u0000.py' " + CONTROL);
        assertBatchRefused(Map.of("file", "file:/srv/jobs/x%00.py"),
                "Field 'file': local path 'file:/srv/jobs/x%00.py' " + CONTROL);
        for (String field : List.of("jars", "pyFiles", "files", "archives")) {
            assertSessionRefused(Map.of(field, List.of("/srv/jobs/a\u0000")),
                    "Field '" + field + "': path '/srv/jobs/a\\u0000' " + CONTROL);
        }
        assertSessionRefused(Map.of("conf", Map.of("spark.jars", "/srv/jobs/a\u0000.jar")),
                "Field 'conf.spark.jars': path '/srv/jobs/a\\u0000.jar' " + CONTROL);
        assertSessionRefused(Map.of("files", List.of("/srv/jobs/a\nb")), "Field 'files': path '/srv/jobs/a\\nb' "
                + CONTROL);
        assertNothingLaunchedOrLoggedAsAnError();
    }

    private void assertBatchRefused(Map<String, Object> body, String message) throws Exception {
        server.http().body(JSON.writeValueAsString(body)).post("/batches").then().statusCode(400)
                .contentType("application/json").body("msg", equalTo(message));
    }

    private void assertSessionRefused(Map<String, Object> body, String message) throws Exception {
        server.http().body(JSON.writeValueAsString(body)).post("/sessions").then().statusCode(400)
                .contentType("application/json").body("msg", equalTo(message));
    }

    private void assertNothingLaunchedOrLoggedAsAnError() {
        assertTrue(server.processes().launched().isEmpty(), "nothing may be launched");
        assertEquals(List.of(), logs.errorsOrStackTraces().stream().map(Object::toString).toList());
    }
}
