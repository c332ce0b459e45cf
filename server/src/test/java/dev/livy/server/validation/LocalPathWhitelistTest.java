package dev.livy.server.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.livy.server.error.LivyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPathWhitelistTest {
    @TempDir
    Path root;

    @Test
    void acceptsLocalPathsInsideAListedDirectoryInEveryForm() throws IOException {
        Path jobs = Files.createDirectories(root.resolve("jobs"));
        LocalPathWhitelist whitelist = new LocalPathWhitelist(List.of(jobs.toString()));

        assertDoesNotThrow(() -> whitelist.check("file", jobs.resolve("etl.py").toString()));
        assertDoesNotThrow(() -> whitelist.check("file", "file://" + jobs.resolve("etl.py")));
        assertDoesNotThrow(() -> whitelist.check("jars", "local:" + jobs.resolve("lib/a.jar")));
        assertDoesNotThrow(() -> whitelist.check("archives", jobs.resolve("env.zip") + "#env"));
    }

    @Test
    void remoteUrisAlwaysPass() {
        LocalPathWhitelist whitelist = new LocalPathWhitelist(List.of());

        for (String uri : List.of("hdfs:///jobs/etl.py", "s3a://bucket/a.jar", "https://example.org/a.jar",
                "gs://bucket/x.py")) {
            assertDoesNotThrow(() -> whitelist.check("file", uri), uri);
        }
    }

    @Test
    void refusesPathsOutsideTheListAndSaysWhy() throws IOException {
        Path jobs = Files.createDirectories(root.resolve("jobs"));
        LocalPathWhitelist whitelist = new LocalPathWhitelist(List.of(jobs.toString()));

        assertEquals("Field 'file': local path '/etc/passwd' is not in a directory listed in "
                + "livy.file.local-dir-whitelist ([" + jobs.toRealPath() + "]).", message(whitelist, "file",
                "/etc/passwd"));
        assertEquals("Field 'jars': local path 'lib/a.jar' must be absolute.", message(whitelist, "jars",
                "lib/a.jar"));
        assertEquals("Field 'file': local path 'file:/etc/passwd' is not in a directory listed in "
                + "livy.file.local-dir-whitelist ([" + jobs.toRealPath() + "]).", message(whitelist, "file",
                "file:/etc/passwd"));
        assertEquals("Field 'file': local path '/x.py' is not in a directory listed in "
                + "livy.file.local-dir-whitelist (none are listed).", message(new LocalPathWhitelist(List.of()),
                "file", "/x.py"));
    }

    @Test
    void dotDotAndSymbolicLinksCannotEscape() throws IOException {
        Path jobs = Files.createDirectories(root.resolve("jobs"));
        Path secrets = Files.createDirectories(root.resolve("secrets"));
        Files.writeString(secrets.resolve("key.py"), "x");
        Files.createSymbolicLink(jobs.resolve("link"), secrets);
        LocalPathWhitelist whitelist = new LocalPathWhitelist(List.of(jobs.toString()));

        assertThrows(LivyException.class, () -> whitelist.check("file", jobs + "/../secrets/key.py"));
        assertThrows(LivyException.class, () -> whitelist.check("file", jobs + "/link/key.py"));
        assertThrows(LivyException.class, () -> whitelist.check("file", root.resolve("jobs-other/x.py").toString()));
    }

    @Test
    void dotDotAfterALinkIsRefusedThoughItLooksInsideWhenReadLexically() throws IOException {
        Path jobs = Files.createDirectories(root.resolve("jobs"));
        Path deep = Files.createDirectories(root.resolve("outside/deep"));
        Files.writeString(root.resolve("outside/evil.py"), "x");
        Files.createSymbolicLink(jobs.resolve("link"), deep);
        LocalPathWhitelist whitelist = new LocalPathWhitelist(List.of(jobs.toString()));

        assertEquals("Field 'file': local path '" + jobs + "/link/../evil.py' must not contain '..': name the file by "
                + "its path inside the whitelisted directory.", message(whitelist, "file", jobs + "/link/../evil.py"));
        assertThrows(LivyException.class, () -> whitelist.check("file", "file://" + jobs + "/link/%2E%2E/evil.py"));
        assertDoesNotThrow(() -> whitelist.check("file", jobs + "/./etl.py"));
    }

    @Test
    void checksTheFileSparkSubmitWouldOpen() throws IOException {
        Path jobs = Files.createDirectories(root.resolve("jobs"));
        LocalPathWhitelist whitelist = new LocalPathWhitelist(List.of(jobs.toString()));

        assertThrows(LivyException.class, () -> whitelist.check("file", jobs + "/x.py?/../../outside/evil.py"));
        assertThrows(LivyException.class, () -> whitelist.check("file", "file:" + jobs + "/x.py?q"));
        assertThrows(LivyException.class, () -> whitelist.check("jars", jobs + "/a.jar,/etc/evil.jar"));
        assertThrows(LivyException.class, () -> whitelist.check("files", jobs + "/*"));
        assertThrows(LivyException.class, () -> whitelist.check("files", jobs + "/x\u0000"));
        // Without a fragment spark-submit opens the name as written; with one, the decoded part before it.
        assertThrows(LivyException.class, () -> whitelist.check("file", jobs.toString().replace("jobs", "%6Aobs")
                + "/x.py"));
        assertDoesNotThrow(() -> whitelist.check("archives", jobs.toString().replace("jobs", "%6Aobs") + "/e.zip#e"));
    }

    private static String message(LocalPathWhitelist whitelist, String field, String value) {
        return assertThrows(LivyException.class, () -> whitelist.check(field, value)).getMessage();
    }
}
