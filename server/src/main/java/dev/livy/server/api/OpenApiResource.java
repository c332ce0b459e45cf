package dev.livy.server.api;

import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of this API, as written beside this class
 * ({@code openapi.json}; {@code OpenApiDescriptionTest} keeps it true to the resources and the wire records).
 */
@Path("openapi.json")
public final class OpenApiResource {
    static final String RESOURCE = "openapi.json";

    private final byte[] description = load();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @ResourceSecurity(AccessLevel.ANY_USER)
    public byte[] description() {
        return description; // never changed: Jersey only writes it
    }

    static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the server's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
