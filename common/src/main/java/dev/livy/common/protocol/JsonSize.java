package dev.livy.common.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The size in bytes of a value written as JSON, counted as it is written and never held: what the output limit in
 * the driver and the statement history's byte budgets on the server measure, so both count alike. Thread-safe.
 */
public final class JsonSize {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSize() {
    }

    /** @throws IOException when the value cannot be written as JSON */
    public static long of(Object value) throws IOException {
        CountingStream counter = new CountingStream();
        JSON.writeValue(counter, value);
        return counter.count;
    }

    /** Counts the bytes written to it and keeps none. */
    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int oneByte) {
            count++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            count += length;
        }
    }
}
