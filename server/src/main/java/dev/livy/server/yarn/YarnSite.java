package dev.livy.server.yarn;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The ResourceManager's web address as an operator's Hadoop configuration gives it to spark-submit: {@code
 * yarn-site.xml} in {@code YARN_CONF_DIR}, else {@code HADOOP_CONF_DIR}, read with the JDK's XML parser (no
 * Hadoop classes): {@code yarn.resourcemanager.webapp.address}, else {@code yarn.resourcemanager.hostname} with
 * YARN's default port 8088. Stateless.
 */
public final class YarnSite {
    private static final String WEBAPP_ADDRESS = "yarn.resourcemanager.webapp.address";
    private static final String HOSTNAME = "yarn.resourcemanager.hostname";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private YarnSite() {
    }

    /** The ResourceManager's web address; fails with what is missing, in words for the operator. */
    public static URI resourceManagerAddress(Map<String, String> environment) throws IOException {
        for (String variable : List.of("YARN_CONF_DIR", "HADOOP_CONF_DIR")) {
            String directory = environment.get(variable);
            if (directory == null || directory.isBlank()) {
                continue;
            }
            Path file = Path.of(directory, "yarn-site.xml");
            if (Files.isRegularFile(file)) {
                return resourceManagerAddress(file);
            }
        }
        throw new IOException("livy.spark.master is yarn but no yarn-site.xml is in YARN_CONF_DIR or "
                + "HADOOP_CONF_DIR; set one of them, or livy.server.yarn.resource-manager-url");
    }

    static URI resourceManagerAddress(Path yarnSite) throws IOException {
        Map<String, String> properties = properties(yarnSite);
        String address = Optional.ofNullable(properties.get(WEBAPP_ADDRESS))
                .orElse(properties.getOrDefault(HOSTNAME, "0.0.0.0") + ":8088");
        String resolved = substitute(address, properties);
        if (resolved.startsWith("0.0.0.0:")) {
            resolved = "127.0.0.1" + resolved.substring("0.0.0.0".length());
        }
        return URI.create("http://" + resolved);
    }

    private static String substitute(String value, Map<String, String> properties) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = properties.getOrDefault(matcher.group(1), matcher.group(1).equals(HOSTNAME)
                    ? "0.0.0.0" : matcher.group());
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static Map<String, String> properties(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList nodes = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("property");
            Map<String, String> properties = new HashMap<>();
            for (int index = 0; index < nodes.getLength(); index++) {
                Element property = (Element) nodes.item(index);
                properties.put(text(property, "name"), text(property, "value"));
            }
            return properties;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(Element property, String tag) {
        NodeList nodes = property.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
