package dev.livy.repl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Entries for the Python interpreter's {@code sys.path} from Python files added to the session after it started
 * ({@code upload-pyfile}, {@code add-pyfile}): the directory of a {@code .py} file, a {@code .zip} or {@code .egg}
 * itself. The interpreter takes the new ones with its next statement. Thread-safe.
 */
final class PythonPaths {
    private final List<String> entries = new CopyOnWriteArrayList<>();

    void add(String entry) {
        entries.add(entry);
    }

    /** The entries from the {@code from}-th on, in the order they were added. */
    List<String> from(int from) {
        List<String> all = List.copyOf(entries);
        return from >= all.size() ? List.of() : all.subList(from, all.size());
    }
}
