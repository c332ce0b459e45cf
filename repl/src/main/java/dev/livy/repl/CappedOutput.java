package dev.livy.repl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a statement prints, kept up to a cap and dropped beyond it, so that code printing without end costs the
 * driver bounded memory. The cap lies one byte above the output limit: what reaches it is over the limit, and
 * {@link OutputSizeLimit} turns it into {@code OutputTooLarge}. Not thread-safe: one statement writes at a time.
 */
final class CappedOutput extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final long cap;

    /** @param outputLimit the statement output limit in bytes */
    CappedOutput(long outputLimit) {
        this.cap = outputLimit + 1;
    }

    @Override
    public void write(int oneByte) {
        if (kept.size() < cap) {
            kept.write(oneByte);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int room = (int) Math.min(length, cap - kept.size());
        if (room > 0) {
            kept.write(bytes, offset, room);
        }
    }

    /** What was kept since the last take, as text; starts over. */
    String take() {
        String text = kept.toString(StandardCharsets.UTF_8);
        kept.reset();
        return text;
    }
}
