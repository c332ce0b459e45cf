package dev.livy.server.yarn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The ResourceManager's REST API ({@code /ws/v1/cluster/apps}) through {@code java.net.http}: one client for the
 * server, every call bounded by a timeout. Thread-safe.
 */
public final class ResourceManagerRest implements ResourceManager {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI address;
    private final HttpClient http;

    /** @param address the ResourceManager's web address, such as {@code http://rm.example.com:8088} */
    public ResourceManagerRest(URI address) {
        this.address = Objects.requireNonNull(address, "address");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public URI address() {
        return address;
    }

    @Override
    public Optional<YarnApplication> application(String applicationId) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(appUri(applicationId, ""))
                .header("Accept", "application/json").GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("the ResourceManager at " + address + " answered " + response.statusCode()
                    + " for " + applicationId);
        }
        JsonNode app = JSON.readTree(response.body()).path("app");
        if (app.isMissingNode()) {
            throw new IOException("the ResourceManager at " + address + " sent no report for " + applicationId);
        }
        return Optional.of(JSON.treeToValue(app, YarnApplication.class));
    }

    /** Any answer of {@code /ws/v1/cluster/info} will do (even a refusal by SPNEGO): the ResourceManager runs. */
    @Override
    public void checkReachable() throws IOException {
        try {
            send(HttpRequest.newBuilder(address.resolve("/ws/v1/cluster/info")).header("Accept", "application/json")
                    .GET());
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(String.valueOf(e.getMessage()));
        }
    }

    private IOException unreachable(String reason) {
        return new IOException("the YARN ResourceManager at " + address + " cannot be reached (" + reason + ")");
    }

    @Override
    public void kill(String applicationId) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(appUri(applicationId, "/state"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"KILLED\"}")));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the ResourceManager at " + address + " refused to kill " + applicationId
                    + " (" + response.statusCode() + ")");
        }
    }

    private URI appUri(String applicationId, String suffix) throws IOException {
        if (!applicationId.matches("application_\\d+_\\d+")) {
            throw new IOException("not a YARN application id: " + applicationId);
        }
        return address.resolve("/ws/v1/cluster/apps/" + applicationId + suffix);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the ResourceManager at " + address, e);
        }
    }
}
