package dev.livy.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The size of a statement output as JSON, what the byte budgets of the statement history count. Thread-safe. */
final class OutputSize {
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private OutputSize() {
    }

    static long of(JsonNode output) {
        if (output == null) {
            return 0;
        }
        CountingStream counter = new CountingStream();
        try {
            WRITER.writeValue(counter, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
