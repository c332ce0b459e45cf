package dev.livy.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Every kind of malformed request to every endpoint, with the status and message a user must get. {@code SID} in
 * a path or message stands for a live session's id, {@code NAME} for its name, {@code DIR} for the whitelisted
 * directory. A null message means: any {@code {"msg"}}.
 */
final class BadRequests {
    /** One request and its expected answer; a message ending in "…" is a prefix. */
    record Case(String method, String path, String body, int status, String message) {
        Case withSession(int sessionId, String name, String directory) {
            return new Case(method, fill(path, sessionId, name, directory), fill(body, sessionId, name, directory),
                    status, fill(message, sessionId, name, directory));
        }

        private static String fill(String text, int sessionId, String name, String directory) {
            return text == null ? null : text.replace("SID", String.valueOf(sessionId)).replace("NAME", name)
                    .replace("DIR", directory);
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : " " + (body.length() > 60 ? body.length() + " bytes" : body);
            return method + " " + path + shown;
        }
    }

    private static final String HUGE = "{\"code\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";

    private BadRequests() {
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        // POST /sessions
        cases.add(new Case("POST", "/sessions", "{\"kind\":", 400, "Malformed JSON in the request body…"));
        cases.add(new Case("POST", "/sessions", "[]", 400, "The request body must be a JSON object."));
        cases.add(new Case("POST", "/sessions", "{\"knd\":\"spark\"}", 400, "Unknown field 'knd' in the request…"));
        cases.add(new Case("POST", "/sessions", "{\"kind\":\"cobol\"}", 400,
                "Invalid kind 'cobol'; valid kinds: spark, pyspark, sparkr, sql, shared."));
        cases.add(new Case("POST", "/sessions", "{\"driverCores\":\"two\"}", 400,
                "Field 'driverCores' must be an integer."));
        cases.add(new Case("POST", "/sessions", "{\"driverCores\":-1}", 400,
                "Field 'driverCores' must be a positive integer."));
        cases.add(new Case("POST", "/sessions", "{\"driverMemory\":\"lots\"}", 400,
                "Field 'driverMemory' must be a memory size such as 512m or 2g, not 'lots'."));
        cases.add(new Case("POST", "/sessions", "{\"name\":5}", 400, "Field 'name' must be a string."));
        cases.add(new Case("POST", "/sessions", "{\"name\":\"123\"}", 400,
                "Invalid session name '123': a name must not be empty, all digits, or contain '/'."));
        cases.add(new Case("POST", "/sessions", "{\"name\":\"NAME\"}", 400, "Session name 'NAME' is not available."));
        cases.add(new Case("POST", "/sessions", "{\"conf\":{\"spark.master\":\"yarn\"}}", 400,
                "Blacklisted configuration values in session config: spark.master."));
        cases.add(new Case("POST", "/sessions", "{\"jars\":[\"/etc/passwd\"]}", 400,
                "Field 'jars': local path '/etc/passwd' is not in a directory listed in "
                        + "livy.file.local-dir-whitelist ([DIR])."));
        cases.add(new Case("POST", "/sessions", "{\"heartbeatTimeoutInSecond\":-5}", 400,
                "Field 'heartbeatTimeoutInSecond' must not be negative."));
        cases.add(new Case("POST", "/sessions", "{\"ttl\":\"forever\"}", 400,
                "Field 'ttl' must be a duration such as 90s, 30m or 2h, not 'forever'."));
        cases.add(new Case("POST", "/sessions", HUGE, 413,
                "The request body is larger than 10485760 bytes (livy.server.request-body.max-size)."));
        // Reading and deleting sessions
        cases.add(new Case("GET", "/sessions?from=x", null, 400,
                "Query parameter 'from' must be an integer, not 'x'."));
        cases.add(new Case("GET", "/sessions?size=-3", null, 400, "Query parameter 'size' must not be negative."));
        cases.add(new Case("GET", "/sessions/999", null, 404, "Session '999' not found."));
        cases.add(new Case("GET", "/sessions/no-such-name/state", null, 404, "Session 'no-such-name' not found."));
        cases.add(new Case("GET", "/sessions/SID/log?size=abc", null, 400,
                "Query parameter 'size' must be an integer, not 'abc'."));
        cases.add(new Case("GET", "/sessions/SID/log?size=-5", null, 400,
                "Query parameter 'size' must be -1 (all) or a non-negative integer."));
        cases.add(new Case("DELETE", "/sessions/999", null, 404, "Session '999' not found."));
        // Statements
        cases.add(new Case("POST", "/sessions/SID/statements", "", 400, "The request needs a JSON body."));
        cases.add(new Case("POST", "/sessions/SID/statements", "{\"code\":", 400,
                "Malformed JSON in the request body…"));
        cases.add(new Case("POST", "/sessions/SID/statements", "{\"kind\":\"python\"}", 400,
                "Field 'code' is required."));
        cases.add(new Case("POST", "/sessions/SID/statements", "{\"code\":1}", 400, "Field 'code' must be a string."));
        cases.add(new Case("POST", "/sessions/SID/statements", "{\"code\":\"1\",\"kind\":\"cobol\"}", 400,
                "Invalid kind 'cobol'; valid kinds: …"));
        cases.add(new Case("POST", "/sessions/SID/statements", "{\"code\":\"1\",\"extra\":true}", 400,
                "Unknown field 'extra' in the request…"));
        cases.add(new Case("POST", "/sessions/SID/statements", HUGE, 413,
                "The request body is larger than 10485760 bytes (livy.server.request-body.max-size)."));
        cases.add(new Case("POST", "/sessions/999/statements", "{\"code\":\"1\"}", 404, "Session '999' not found."));
        cases.add(new Case("GET", "/sessions/SID/statements/999", null, 404,
                "Statement '999' not found in session SID."));
        cases.add(new Case("GET", "/sessions/SID/statements/abc", null, 404,
                "Statement 'abc' not found in session SID."));
        cases.add(new Case("POST", "/sessions/SID/statements/999/cancel", null, 404,
                "Statement '999' not found in session SID."));
        // Completion
        cases.add(new Case("POST", "/sessions/SID/completion", "{}", 400, "Field 'code' is required."));
        cases.add(new Case("POST", "/sessions/SID/completion", "{\"code\":\"ab\",\"cursor\":9}", 400,
                "Field 'cursor' must be a position in the code, from 0 to 2, not '9'."));
        cases.add(new Case("POST", "/sessions/SID/completion", "{\"code\":\"ab\",\"cursor\":[1]}", 400,
                "Field 'cursor' must be a string."));
        // Batches
        cases.add(new Case("POST", "/batches", "{}", 400, "File is required."));
        cases.add(new Case("POST", "/batches", "{\"file\":3}", 400, "Field 'file' must be a string."));
        cases.add(new Case("POST", "/batches", "{\"file\":\"/etc/passwd\"}", 400,
                "Field 'file': local path '/etc/passwd' is not in a directory listed in "
                        + "livy.file.local-dir-whitelist ([DIR])."));
        cases.add(new Case("POST", "/batches", "{\"file\":\"DIR/x.py\",\"args\":\"a b\"}", 400,
                "Field 'args' must be a list of strings."));
        cases.add(new Case("POST", "/batches", HUGE, 413,
                "The request body is larger than 10485760 bytes (livy.server.request-body.max-size)."));
        cases.add(new Case("GET", "/batches/999", null, 404, "Batch '999' not found."));
        cases.add(new Case("GET", "/batches/999/log", null, 404, "Batch '999' not found."));
        cases.add(new Case("DELETE", "/batches/999", null, 404, "Batch '999' not found."));
        // Anything else
        cases.add(new Case("GET", "/no/such/path", null, 404, "Not Found"));
        cases.add(new Case("PUT", "/sessions", "{}", 405, null));
        return List.copyOf(cases);
    }
}
