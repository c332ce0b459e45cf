package dev.livy.server.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md and conf/livy.conf.template list every key of the catalogue with its default. */
class ConfigurationDocsTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void referenceDocumentsEveryKeyWithItsDefault() throws IOException {
        String reference = Files.readString(REPOSITORY.resolve("docs/configuration.md"));
        for (ConfigKey<?> key : LivyConfKeys.ALL) {
            String expectedDefault = key.defaultText().isEmpty() ? "unset" : "`" + key.defaultText() + "`";
            Pattern row = Pattern.compile("^\\| `" + Pattern.quote(key.name()) + "` \\| " + Pattern.quote(
                    expectedDefault), Pattern.MULTILINE);
            assertTrue(row.matcher(reference).find(),
                    "docs/configuration.md has a row for " + key.name() + " with default " + expectedDefault);
        }
    }

    @Test
    void templateListsEveryKeyWithItsDefault() throws IOException {
        String template = Files.readString(REPOSITORY.resolve("conf/livy.conf.template"));
        for (ConfigKey<?> key : LivyConfKeys.ALL) {
            String line = ("# " + key.name() + " = " + key.defaultText()).stripTrailing();
            assertTrue(template.lines().anyMatch(candidate -> candidate.stripTrailing().equals(line)),
                    "conf/livy.conf.template has the line: " + line);
        }
    }
}
