package dev.livy.server.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What one {@code stat} tells about a file's version: modification time, size, and the file key (device and inode),
 * which changes when a tool replaces the file by renaming a new one over it.
 */
record FileStamp(FileTime modified, long size, Object fileKey) {
    static FileStamp of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    }
}
