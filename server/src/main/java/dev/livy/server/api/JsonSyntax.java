package dev.livy.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what is wrong with malformed JSON, and where, in plain words: the parser's own messages name its
 * internals (character codes, token types, where the input came from). Stateless.
 */
final class JsonSyntax {
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.*?)' \\(code \\d+\\)\\)"
            + "(?:: (.*))?", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern CODE = Pattern.compile(" ?\\(code \\d+\\)|\\(CTRL-CHAR, code \\d+\\)");
    private static final Map<String, String> EXPECTED = Map.of(
            "was expecting a colon to separate field name and value", "expected ':' after a field name",
            "was expecting double-quote to start field name", "expected a field name in double quotes",
            "was expecting comma to separate Object entries", "expected ',' or '}'",
            "was expecting comma to separate Array entries", "expected ',' or ']'");

    private JsonSyntax() {
    }

    /** "Malformed JSON in the request body at line 2, column 9: expected ':' after a field name, not '"'." */
    static String describe(JsonProcessingException e) {
        return "Malformed JSON in the request body" + where(e.getLocation()) + ": " + problem(e) + ".";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String problem(JsonProcessingException e) {
        String message = firstLine(e.getOriginalMessage());
        if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            return "the body ends before the JSON does";
        }
        if (e instanceof StreamConstraintsException) {
            return "a number, string or name is longer than the server accepts";
        }
        Matcher unexpected = UNEXPECTED.matcher(message);
        if (unexpected.matches()) {
            String rest = unexpected.group(2) == null ? "" : unexpected.group(2);
            String expected = rest.startsWith("expected a valid value")
                    ? "expected a value (a string, number, object, array, true, false or null)"
                    : EXPECTED.getOrDefault(rest, "unexpected character");
            return expected + (expected.equals("unexpected character") ? " '" : ", not '") + unexpected.group(1)
                    + "'";
        }
        if (message.startsWith("Unrecognized token")) {
            Matcher token = QUOTED.matcher(message);
            return token.find() ? "unexpected text '" + token.group(1) + "'" : "unexpected text";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character inside a string must be escaped";
        }
        if (message.startsWith("Duplicate field")) {
            Matcher field = QUOTED.matcher(message);
            return field.find() ? "field '" + field.group(1) + "' appears twice" : "a field appears twice";
        }
        return CODE.matcher(message).replaceAll("");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
