package dev.livy.server.api;

import dev.livy.common.api.VersionView;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.error.ExceptionMappers;
import dev.livy.server.security.ResourceSecurityCheck;
import dev.livy.server.session.SessionManager;
import dev.livy.server.validation.BatchRequestValidator;
import dev.livy.server.validation.SessionRequestValidator;
import java.util.List;
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
            RequestAccess access) {
        JsonBodies bodies = new JsonBodies();
        PathLookup lookup = new PathLookup(sessions, batches);
        List<Object> resources = List.of(new RootResource(version),
                new SessionsResource(sessions, lookup, validator, bodies, access),
                new StatementsResource(lookup, bodies),
                new JobSubmissionResource(lookup, bodies), new JobsResource(lookup),
                new SessionFilesResource(sessions, lookup, validator, bodies),
                new BatchesResource(batches, lookup, batchValidator, bodies, access));
        ResourceSecurityCheck.requireDeclared(resources.stream().<Class<?>>map(Object::getClass).toList());
        ResourceConfig config = new ResourceConfig();
        resources.forEach(config::register);
        config.register(new AccessFilter(access, new ResourceOwners(lookup)));
        config.register(new SessionHeartbeat(lookup));
        config.register(new JsonWriter());
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
