package dev.livy.server.api;

import dev.livy.common.api.VersionView;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.session.SessionManager;
import dev.livy.server.validation.BatchRequestValidator;
import dev.livy.server.validation.SessionRequestValidator;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The Jersey application: resources, the JSON writer and the exception mappers, as instances. */
public final class ApiApplication {
    private ApiApplication() {
    }

    public static ResourceConfig create(SessionManager sessions, SessionRequestValidator validator,
            BatchManager batches, BatchRequestValidator batchValidator, VersionView version, long maxBodyBytes) {
        JsonBodies bodies = new JsonBodies();
        SessionLookup lookup = new SessionLookup(sessions);
        ResourceConfig config = new ResourceConfig();
        config.register(new RootResource(version));
        config.register(new SessionsResource(sessions, lookup, validator, bodies));
        config.register(new StatementsResource(lookup, bodies));
        config.register(new BatchesResource(batches, batchValidator, bodies));
        config.register(new JsonWriter());
        config.register(new RequestBodyLimit(maxBodyBytes));
        config.register(new ExceptionMappers.ApiExceptionMapper());
        config.register(new ExceptionMappers.WebApplicationExceptionMapper());
        config.register(new ExceptionMappers.CatchAllMapper());
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        // Clients read "Location: /sessions/3" as Livy sends it; Jersey would make it absolute.
        config.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        return config;
    }
}
