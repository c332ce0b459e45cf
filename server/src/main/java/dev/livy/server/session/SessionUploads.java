package dev.livy.server.session;

import dev.livy.server.error.LivyException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * Stores a file uploaded to a session under the name the client gave, in the session's private upload directory,
 * readable by the server's user only. The name is the last segment of what the client sent and must be a plain
 * file name; a name already uploaded is refused, since the driver already loads that file. Stateless.
 */
final class SessionUploads {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._+-]{1,200}");

    private SessionUploads() {
    }

    /** @return the stored file */
    static Path store(Path directory, String fileName, byte[] content) throws IOException {
        String name = plainName(fileName);
        Files.createDirectories(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path target = directory.resolve(name);
        try {
            Files.createFile(target,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw LivyException.invalid("A file named '" + name + "' was already uploaded to this session.");
        }
        Files.write(target, content, StandardOpenOption.TRUNCATE_EXISTING);
        return target;
    }

    private static String plainName(String fileName) {
        String name = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'),
                fileName.lastIndexOf('\\')) + 1);
        if (!PLAIN_NAME.matcher(name).matches() || name.startsWith(".")) {
            throw LivyException.invalid("The uploaded file needs a plain file name (letters, digits, '.', '_', "
                    + "'+', '-'), not '" + fileName + "'.");
        }
        return name;
    }
}
