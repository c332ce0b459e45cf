package dev.livy.server.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YarnSiteTest {
    @TempDir
    Path directory;

    @Test
    void readsTheWebAddressFromYarnConfDir() throws IOException {
        write(property("yarn.resourcemanager.webapp.address", "127.0.0.1:40123"));

        assertEquals(URI.create("http://127.0.0.1:40123"),
                YarnSite.resourceManagerAddress(Map.of("YARN_CONF_DIR", directory.toString())));
    }

    @Test
    void fallsBackToTheHostnameAndYarnsDefaultPort() throws IOException {
        write(property("yarn.resourcemanager.hostname", "rm.example.com")
                + property("yarn.resourcemanager.webapp.address", "${yarn.resourcemanager.hostname}:8088"));

        assertEquals(URI.create("http://rm.example.com:8088"),
                YarnSite.resourceManagerAddress(Map.of("HADOOP_CONF_DIR", directory.toString())));
    }

    @Test
    void withoutAConfigurationItSaysWhatToSet() {
        IOException missing = assertThrows(IOException.class, () -> YarnSite.resourceManagerAddress(Map.of()));

        assertEquals("livy.spark.master is yarn but no yarn-site.xml is in YARN_CONF_DIR or HADOOP_CONF_DIR; set "
                + "one of them, or livy.server.yarn.resource-manager-url", missing.getMessage());
    }

    private void write(String properties) throws IOException {
        Files.writeString(directory.resolve("yarn-site.xml"),
                "<?xml version=\"1.0\"?>\n<configuration>\n" + properties + "</configuration>\n");
    }

    private static String property(String name, String value) {
        return "<property><name>" + name + "</name><value>" + value + "</value></property>\n";
    }
}
