package dev.livy.server.api;

import dev.livy.common.api.VersionView;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the build's version information, filtered into {@code livy-version.properties} by Maven. */
public final class BuildInfo {
    private BuildInfo() {
    }

    public static VersionView load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/livy-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read livy-version.properties", e);
        }
        return new VersionView(properties.getProperty("version", "0.0.0"), "unknown", "main",
                properties.getProperty("date", ""), properties.getProperty("user", ""),
                properties.getProperty("url", ""));
    }
}
