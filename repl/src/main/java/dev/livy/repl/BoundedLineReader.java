package dev.livy.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads {@code \n}-terminated UTF-8 lines of at most a given number of bytes. A longer line is read to its end and
 * dropped as it goes, never held, so a child that writes a huge or endless line costs the driver no memory and the
 * next line is read in step. Not thread-safe.
 */
final class BoundedLineReader {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[CHUNK];
    private int position;
    private int limit;

    BoundedLineReader(InputStream in, int maxBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxBytes = maxBytes;
    }

    /** A line that was longer than the bound; it has been read past and dropped. */
    static final class LineTooLongException extends IOException {
        private final long length;

        LineTooLongException(long length, int maxBytes) {
            super("A line of " + length + " bytes, more than the " + maxBytes + " bytes allowed");
            this.length = length;
        }

        /** The line's length in bytes, without its end; a lower bound when the stream ended inside it. */
        long length() {
            return length;
        }
    }

    /** The next line without its terminator, or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long length = 0;
        while (true) {
            if (position == limit && !fill()) {
                if (length > maxBytes) {
                    throw new LineTooLongException(length, maxBytes);
                }
                return length == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            int end = indexOfNewline();
            int stop = end < 0 ? limit : end;
            int count = stop - position;
            if (length + count <= maxBytes) {
                line.write(chunk, position, count);
            } else if (line.size() > 0) {
                line = new ByteArrayOutputStream();
            }
            length += count;
            position = end < 0 ? limit : end + 1;
            if (end >= 0) {
                if (length > maxBytes) {
                    throw new LineTooLongException(length, maxBytes);
                }
                return line.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk, 0, CHUNK);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
