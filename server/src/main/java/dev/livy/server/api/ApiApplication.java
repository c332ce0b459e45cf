package dev.livy.server.api;

import dev.livy.common.api.VersionView;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.config.MetricsAccess;
import dev.livy.server.error.ExceptionMappers;
import dev.livy.server.metrics.ServerMetrics;
import dev.livy.server.security.ResourceSecurityCheck;
import dev.livy.server.session.SessionManager;
import dev.livy.server.validation.BatchRequestValidator;
import dev.livy.server.validation.SessionRequestValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Jersey application: resources, the access filter, the session heartbeat, the JSON writer and the exception
 * mappers, as instances.
 * Refuses to build if a resource method declares no access level.
 */
public final class ApiApplication {
    private ApiApplication() {
    }

    public static ResourceConfig create(SessionManager sessions, SessionRequestValidator validator,
            BatchManager batches, BatchRequestValidator batchValidator, VersionView version,
            RequestAccess access, MetricsAccess metricsAccess, Optional<ServerMetrics> metrics) {
        JsonBodies bodies = new JsonBodies();
        PathLookup lookup = new PathLookup(sessions, batches);
        List<Object> resources = new ArrayList<>(List.of(new RootResource(version), new OpenApiResource(),
                new SessionsResource(sessions, lookup, validator, bodies, access),
                new StatementsResource(lookup, bodies),
                new BatchesResource(batches, lookup, batchValidator, bodies, access)));
        if (metricsAccess == MetricsAccess.AUTHENTICATED) {
            metrics.map(MetricsResource::new).ifPresent(resources::add);
        }
        ResourceSecurityCheck.requireDeclared(resources.stream().<Class<?>>map(Object::getClass).toList());
        ResourceConfig config = new ResourceConfig();
        resources.forEach(config::register);
        config.register(new AccessFilter(access, new ResourceOwners(lookup)));
        config.register(new SessionHeartbeat(lookup));
        config.register(new JsonWriter());
        metrics.ifPresent(server -> config.register(server.httpRequests()));
        config.register(new ExceptionMappers.LivyExceptionMapper());
        config.register(new ExceptionMappers.WebApplicationExceptionMapper());
        config.register(new ExceptionMappers.CatchAllMapper());
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        // Clients read "Location: /sessions/3" as Livy sends it; Jersey would make it absolute.
        config.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        return config;
    }
}
