package dev.livy.server.validation;

import dev.livy.common.SessionKind;
import dev.livy.common.api.CreateSessionRequest;
import dev.livy.server.config.Durations;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.SparkResources;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a create-session request and turns it into a {@link NewSession}, or a 400 saying what to fix. */
public final class SessionRequestValidator {
    private static final Pattern ALL_DIGITS = Pattern.compile("\\d+");

    private final SparkResourcesValidator resourcesValidator;
    private final SparkRSupport sparkR;

    public SessionRequestValidator(SparkResourcesValidator resourcesValidator) {
        this(resourcesValidator, SparkRSupport.unchecked());
    }

    public SessionRequestValidator(SparkResourcesValidator resourcesValidator, SparkRSupport sparkR) {
        this.resourcesValidator = Objects.requireNonNull(resourcesValidator, "resourcesValidator");
        this.sparkR = Objects.requireNonNull(sparkR, "sparkR");
    }

    /** @param proxyUser whom it runs as, already decided by the impersonation rule; null for the server's user */
    public NewSession validate(CreateSessionRequest request, String proxyUser) {
        SessionKind kind = request.kind() == null ? SessionKind.SHARED : SessionKind.parse(request.kind())
                .orElseThrow(() -> LivyException.invalid("Invalid kind '" + request.kind() + "'; valid kinds: "
                        + SessionKind.validNames() + "."));
        validateName(request.name());
        Integer heartbeat = request.heartbeatTimeoutInSecond();
        if (heartbeat != null && heartbeat < 0) {
            throw LivyException.invalid("Field 'heartbeatTimeoutInSecond' must not be negative.");
        }
        SparkResources resources = SparkResources.from(request, proxyUser);
        resourcesValidator.validate(resources, "session");
        if (kind == SessionKind.SPARKR) {
            sparkR.missing(resources.conf()).ifPresent(missing -> {
                throw LivyException.invalid(missing);
            });
        }
        return new NewSession(kind, proxyUser, resources,
                heartbeat == null || heartbeat == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(heartbeat)),
                duration("ttl", request.ttl()), duration("idleTimeout", request.idleTimeout()));
    }

    /** A file added to a running session ({@code add-jar} and the like): the local-path whitelist applies. */
    public void validateAddedFile(String uri) {
        if (uri == null || uri.isBlank()) {
            throw LivyException.invalid("Field 'uri' is required.");
        }
        resourcesValidator.checkLocalPath("uri", uri);
    }

    /** Only the form: whether the name is free is the manager's to decide, atomically with the create. */
    private static void validateName(String name) {
        if (name == null) {
            return;
        }
        if (name.isBlank() || ALL_DIGITS.matcher(name).matches() || name.contains("/")) {
            throw LivyException.invalid("Invalid session name '" + name
                    + "': a name must not be empty, all digits, or contain '/'.");
        }
    }

    private static Optional<Duration> duration(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(value));
        } catch (Durations.TooLongException e) {
            throw LivyException.invalid("Field '" + field + "' is too long: at most " + Durations.LONGEST + ".");
        } catch (IllegalArgumentException e) {
            throw LivyException.invalid("Field '" + field + "' must be a duration such as 90s, 30m or 2h, not '"
                    + value + "'.");
        }
    }
}
