package dev.livy.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes through to another stream and hands each complete line (UTF-8, without its line end) to a consumer; a
 * line longer than the cap is handed on in pieces, so an endless line holds no more than the cap. Not thread-safe:
 * the {@link java.io.PrintStream} around it serialises writes.
 */
final class LineTee extends OutputStream {
    private final OutputStream through;
    private final Consumer<String> lines;
    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineTee(OutputStream through, Consumer<String> lines, int maxLineChars) {
        this.through = Objects.requireNonNull(through, "through");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.maxLineBytes = maxLineChars * 4;
    }

    @Override
    public void write(int b) throws IOException {
        through.write(b);
        take(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        through.write(bytes, offset, length);
        for (int index = offset; index < offset + length; index++) {
            take(bytes[index]);
        }
    }

    @Override
    public void flush() throws IOException {
        through.flush();
    }

    private void take(int b) {
        if (b == '\n') {
            emit();
            return;
        }
        line.write(b);
        if (line.size() >= maxLineBytes) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        lines.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
