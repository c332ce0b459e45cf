package dev.livy.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI description says what the server does: every resource method is in it and nothing else is, every
 * operation documents the errors every request can get, and the golden JSON fixtures of the wire records
 * validate against its schemas.
 */
class OpenApiDescriptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.nio.file.Path FIXTURES = java.nio.file.Path.of("..", "common", "src", "test",
            "resources", "fixtures");
    private static final java.nio.file.Path RESOURCE_CLASSES = java.nio.file.Path.of("target", "classes", "dev",
            "livy", "server", "api");
    private static final Map<String, Class<? extends Annotation>> HTTP_METHODS = Map.of("get", GET.class,
            "post", POST.class, "put", PUT.class, "delete", DELETE.class);
    /** Which schema each golden fixture is an instance of, by the start of its file name. */
    private static final Map<String, String> FIXTURE_SCHEMAS = Map.ofEntries(
            Map.entry("batch-list", "BatchList"), Map.entry("batch", "Batch"),
            Map.entry("create-batch-request", "CreateBatchRequest"),
            Map.entry("create-session-request", "CreateSessionRequest"), Map.entry("error", "Error"),
            Map.entry("log", "Log"), Map.entry("session-list", "SessionList"), Map.entry("session", "Session"),
            Map.entry("state", "State"), Map.entry("statement-list", "StatementList"),
            Map.entry("statement", "Statement"), Map.entry("version", "Version"));

    @RegisterExtension
    final InProcessServers server = InProcessServers.startedByEachTest();

    private final JsonNode description = readDescription();

    @Test
    void theServerServesIt() throws Exception {
        server.start();

        server.http().get("/openapi.json").then().statusCode(200).contentType("application/json")
                .body("openapi", equalTo("3.1.0")).body("paths.'/sessions'.post.operationId", equalTo("createSession"));
    }

    @Test
    void describesExactlyTheResourceMethods() throws Exception {
        TreeSet<String> described = new TreeSet<>();
        description.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> described.add(method.toUpperCase() + " " + path.getKey())));

        assertEquals(resourceMethods(), described);
    }

    @Test
    void everyOperationDocumentsItsErrorsAsMsgBodies() {
        description.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode responses = op.getValue().get("responses");
            for (String status : List.of("400", "401", "403", "500")) {
                JsonNode response = responses.get(status);
                assertNotNull(response, op.getKey() + " " + path.getKey() + " documents " + status);
                assertEquals("#/components/schemas/Error",
                        response.at("/content/application~1json/schema/$ref").asText(), path.getKey());
            }
            assertTrue(op.getValue().hasNonNull("operationId"), path.getKey());
        }));
    }

    @Test
    void theGoldenFixturesAreInstancesOfItsSchemas() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        List<String> checked = new ArrayList<>();
        try (Stream<java.nio.file.Path> fixtures = Files.list(FIXTURES)) {
            for (java.nio.file.Path fixture : fixtures.sorted().toList()) {
                String name = fixture.getFileName().toString().replace(".json", "");
                String schemaName = schemaOf(name);
                Schema schema = registry.getSchema(schemaReferring(schemaName).toString());

                assertEquals(List.of(), schema.validate(JSON.readTree(fixture.toFile())).stream()
                        .map(Object::toString).toList(), name + " against " + schemaName);
                checked.add(name);
            }
        }
        assertTrue(checked.size() >= FIXTURE_SCHEMAS.size(), checked::toString);
    }

    @Test
    void aRecordThatBreaksItsSchemaIsCaught() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema session = registry.getSchema(schemaReferring("Session").toString());
        ObjectNode wrong = JSON.createObjectNode().put("id", 1).put("state", "sleeping");

        assertTrue(session.validate(wrong).size() >= 2, "a missing field and an unknown state");
    }

    private static String schemaOf(String fixture) {
        return FIXTURE_SCHEMAS.entrySet().stream()
                .filter(entry -> fixture.equals(entry.getKey()) || fixture.startsWith(entry.getKey() + "-"))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new AssertionError("Fixture " + fixture + " has no schema in FIXTURE_SCHEMAS"));
    }

    private ObjectNode schemaReferring(String schemaName) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$ref", "#/components/schemas/" + schemaName);
        schema.set("components", description.get("components"));
        return schema;
    }

    private static TreeSet<String> resourceMethods() throws Exception {
        TreeSet<String> methods = new TreeSet<>();
        try (Stream<java.nio.file.Path> classes = Files.list(RESOURCE_CLASSES)) {
            for (java.nio.file.Path file : classes.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName("dev.livy.server.api." + name.replace(".class", ""));
                Path root = type.getAnnotation(Path.class);
                if (root != null) {
                    addMethods(type, root.value(), methods);
                }
            }
        }
        return methods;
    }

    private static void addMethods(Class<?> type, String root, TreeSet<String> methods) {
        for (Method method : type.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            String template = join(root, path == null ? "" : path.value());
            for (Map.Entry<String, Class<? extends Annotation>> http : HTTP_METHODS.entrySet()) {
                if (method.isAnnotationPresent(http.getValue())) {
                    methods.add(http.getKey().toUpperCase() + " " + template);
                }
            }
        }
    }

    private static String join(String root, String path) {
        String joined = ("/" + root + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static JsonNode readDescription() {
        try {
            return JSON.readTree(OpenApiResource.load());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
