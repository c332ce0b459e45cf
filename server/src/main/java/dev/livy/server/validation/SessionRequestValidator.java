package dev.livy.server.validation;

import dev.livy.common.SessionKind;
import dev.livy.common.api.CreateSessionRequest;
import dev.livy.server.api.ApiException;
import dev.livy.server.config.Durations;
import dev.livy.server.launch.SparkResources;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Checks a create-session request and turns it into a {@link NewSession}, or a 400 saying what to fix. */
public final class SessionRequestValidator {
    private static final Pattern ALL_DIGITS = Pattern.compile("\\d+");

    private final SparkResourcesValidator resourcesValidator;
    private final Predicate<String> nameInUse;

    public SessionRequestValidator(SparkResourcesValidator resourcesValidator, Predicate<String> nameInUse) {
        this.resourcesValidator = Objects.requireNonNull(resourcesValidator, "resourcesValidator");
        this.nameInUse = Objects.requireNonNull(nameInUse, "nameInUse");
    }

    /** @param proxyUser whom it runs as, already decided by the impersonation rule; null for the server's user */
    public NewSession validate(CreateSessionRequest request, String proxyUser) {
        SessionKind kind = request.kind() == null ? SessionKind.SHARED : SessionKind.parse(request.kind())
                .orElseThrow(() -> ApiException.badRequest("Invalid kind '" + request.kind() + "'; valid kinds: "
                        + SessionKind.validNames() + "."));
        validateName(request.name());
        Integer heartbeat = request.heartbeatTimeoutInSecond();
        if (heartbeat != null && heartbeat < 0) {
            throw ApiException.badRequest("Field 'heartbeatTimeoutInSecond' must not be negative.");
        }
        SparkResources resources = new SparkResources(request.name(), proxyUser, request.jars(), request.pyFiles(),
                request.files(), request.archives(), request.driverMemory(), request.driverCores(),
                request.executorMemory(), request.executorCores(), request.numExecutors(), request.queue(),
                request.conf());
        resourcesValidator.validate(resources, "session");
        return new NewSession(kind, proxyUser, resources,
                heartbeat == null || heartbeat == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(heartbeat)),
                duration("ttl", request.ttl()), duration("idleTimeout", request.idleTimeout()));
    }

    private void validateName(String name) {
        if (name == null) {
            return;
        }
        if (name.isBlank() || ALL_DIGITS.matcher(name).matches() || name.contains("/")) {
            throw ApiException.badRequest("Invalid session name '" + name
                    + "': a name must not be empty, all digits, or contain '/'.");
        }
        if (nameInUse.test(name)) {
            throw ApiException.badRequest("Duplicate session name: '" + name + "' is in use.");
        }
    }

    private static Optional<Duration> duration(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(value));
        } catch (Durations.TooLongException e) {
            throw ApiException.badRequest("Field '" + field + "' is too long: at most " + Durations.LONGEST + ".");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Field '" + field + "' must be a duration such as 90s, 30m or 2h, not '"
                    + value + "'.");
        }
    }
}
