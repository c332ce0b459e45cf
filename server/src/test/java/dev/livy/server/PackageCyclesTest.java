package dev.livy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The server's packages depend on each other in one direction only: no package reaches itself through others. */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.livy\\.server\\.[\\w.]+);",
            Pattern.MULTILINE);

    @Test
    void noServerPackageDependsOnItselfThroughAnother() throws IOException {
        Map<String, Set<String>> dependencies = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : dependencies.keySet()) {
            findCycle(start, start, new ArrayList<>(List.of(start)), dependencies, new TreeSet<>())
                    .ifPresent(cycle -> cycles.add(String.join(" -> ", cycle)));
        }
        assertEquals(List.of(), cycles);
    }

    private static Optional<List<String>> findCycle(String start, String current, List<String> path,
            Map<String, Set<String>> dependencies, Set<String> visited) {
        for (String next : dependencies.getOrDefault(current, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return Optional.of(cycle);
            }
            if (visited.add(next)) {
                path.add(next);
                Optional<List<String>> found = findCycle(start, next, path, dependencies, visited);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }

    /** Package to the other server packages its sources import. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                if (!declared.find()) {
                    continue;
                }
                String own = declared.group(1);
                Set<String> imported = dependencies.computeIfAbsent(own, key -> new TreeSet<>());
                Matcher imports = IMPORT.matcher(source);
                while (imports.find()) {
                    String target = packageOf(imports.group(1));
                    if (!target.equals(own)) {
                        imported.add(target);
                    }
                }
            }
        }
        return dependencies;
    }

    /** The segments before the first one that names a type (types start with a capital letter). */
    private static String packageOf(String name) {
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("\\.")) {
            if (Character.isUpperCase(segment.charAt(0))) {
                break;
            }
            segments.add(segment);
        }
        return String.join(".", segments);
    }
}
