package dev.livy.server.api;

import dev.livy.server.error.LivyException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file part of a {@code multipart/form-data} body, as Livy's clients upload jars and files: the part named
 * {@code jar} (Livy's Java client uploading a jar) or {@code file}, with its file name. The body was already read
 * whole, within the request body limit, so it is parsed in memory. Immutable.
 */
record MultipartUpload(String fileName, byte[] content) {
    private static final Set<String> PART_NAMES = Set.of("jar", "file");
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]+)\"|[^;\\s]+)");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** @throws LivyException 400 in plain words when the body is not a form with a file part */
    static MultipartUpload parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw LivyException.invalid("An upload is a multipart/form-data body with the file in a part named "
                    + "'file' (or 'jar').");
        }
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw LivyException.invalid("The multipart/form-data body names no boundary.");
        }
        String value = boundary.group(2) != null ? boundary.group(2) : boundary.group(1);
        byte[] delimiter = ("--" + value).getBytes(StandardCharsets.US_ASCII);
        byte[] nextDelimiter = ("\r\n--" + value).getBytes(StandardCharsets.US_ASCII);
        int position = indexOf(body, delimiter, 0);
        while (position >= 0) {
            int partStart = position + delimiter.length;
            if (startsWith(body, partStart, "--")) {
                break;
            }
            int headersEnd = indexOf(body, HEADERS_END, partStart);
            int partEnd = headersEnd < 0 ? -1 : indexOf(body, nextDelimiter, headersEnd + HEADERS_END.length);
            if (partEnd < 0) {
                break;
            }
            String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8);
            Optional<String> fileName = fileName(headers);
            if (fileName.isPresent()) {
                return new MultipartUpload(fileName.get(),
                        Arrays.copyOfRange(body, headersEnd + HEADERS_END.length, partEnd));
            }
            position = partEnd + 2;
        }
        throw LivyException.invalid("The upload has no part named 'file' (or 'jar') with a file name.");
    }

    /** The file name of the part named {@code jar} or {@code file}; empty for any other part. */
    private static Optional<String> fileName(String headers) {
        for (String line : headers.split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                continue;
            }
            Matcher name = NAME.matcher(line);
            Matcher fileName = FILE_NAME.matcher(line);
            if (name.find() && PART_NAMES.contains(name.group(1)) && fileName.find()) {
                return Optional.of(fileName.group(1));
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] body, int from, String prefix) {
        byte[] bytes = prefix.getBytes(StandardCharsets.US_ASCII);
        return from + bytes.length <= body.length
                && Arrays.equals(body, from, from + bytes.length, bytes, 0, bytes.length);
    }

    private static int indexOf(byte[] body, byte[] pattern, int from) {
        for (int i = Math.max(0, from); i <= body.length - pattern.length; i++) {
            if (Arrays.equals(body, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
