package dev.livy.server.api;

import dev.livy.common.api.VersionView;
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@code GET /} and {@code GET /version}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class RootResource {
    private final VersionView version;

    public RootResource(VersionView version) {
        this.version = Objects.requireNonNull(version, "version");
    }

    @GET
    @ResourceSecurity(AccessLevel.ANY_USER)
    public Map<String, Object> root() {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("version", version.version());
        links.put("sessions", "/sessions");
        links.put("batches", "/batches");
        return links;
    }

    @GET
    @Path("version")
    @ResourceSecurity(AccessLevel.ANY_USER)
    public VersionView version() {
        return version;
    }
}
