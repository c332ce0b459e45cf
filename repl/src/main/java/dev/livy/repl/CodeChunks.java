package dev.livy.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a statement into runs of code and magic lines ({@code %json v}): a line that starts with {@code %} is a
 * magic, everything between magics is code. As in the Python interpreter.
 */
final class CodeChunks {
    private CodeChunks() {
    }

    sealed interface Chunk permits Code, Magic {
    }

    /**
     * Consecutive code lines. The source starts with as many newlines as lines came before it in the statement, so
     * compiler messages count lines from the statement's first line.
     */
    record Code(String source) implements Chunk {
    }

    /** {@code %name argument}; the name is empty for a lone {@code %}. */
    record Magic(String name, String argument) implements Chunk {
    }

    static List<Chunk> split(String statement) {
        List<Chunk> chunks = new ArrayList<>();
        String[] lines = statement.split("\n", -1);
        int codeStart = -1;
        for (int number = 0; number < lines.length; number++) {
            if (!lines[number].startsWith("%")) {
                if (codeStart < 0) {
                    codeStart = number;
                }
                continue;
            }
            addCode(chunks, lines, codeStart, number);
            codeStart = -1;
            String magic = lines[number].substring(1).strip();
            int space = indexOfWhitespace(magic);
            chunks.add(space < 0
                    ? new Magic(magic, "")
                    : new Magic(magic.substring(0, space), magic.substring(space).strip()));
        }
        addCode(chunks, lines, codeStart, lines.length);
        return List.copyOf(chunks);
    }

    /** Adds lines [start, end) as code unless there are none or they are blank. */
    private static void addCode(List<Chunk> chunks, String[] lines, int start, int end) {
        if (start < 0) {
            return;
        }
        String code = String.join("\n", List.of(lines).subList(start, end));
        if (!code.isBlank()) {
            chunks.add(new Code("\n".repeat(start) + code));
        }
    }

    private static int indexOfWhitespace(String text) {
        for (int index = 0; index < text.length(); index++) {
            if (Character.isWhitespace(text.charAt(index))) {
                return index;
            }
        }
        return -1;
    }
}
