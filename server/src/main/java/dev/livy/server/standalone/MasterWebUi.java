package dev.livy.server.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A standalone master's web UI, read-only: {@code /json/} for drivers and workers, and a worker's {@code /log/} for
 * a driver's stderr. With standby masters, the one that says ALIVE is read. One client for the server, every call
 * bounded. Thread-safe.
 */
public final class MasterWebUi {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_TAIL_BYTES = 16 * 1024;

    private final List<URI> addresses;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param addresses the web UI of each master, such as {@code http://master.example.com:8080} */
    public MasterWebUi(List<URI> addresses) {
        this.addresses = List.copyOf(addresses);
        if (this.addresses.isEmpty()) {
            throw new IllegalArgumentException("no master web UI address");
        }
    }

    public List<URI> addresses() {
        return addresses;
    }

    /** The active master's {@code /json/}. */
    public MasterState state() throws IOException {
        IOException failure = null;
        MasterState answered = null;
        for (URI address : addresses) {
            try {
                MasterState state = read(address);
                if (state.isActive()) {
                    return state;
                }
                answered = answered == null ? state : answered;
            } catch (IOException e) {
                failure = e;
            }
        }
        if (answered != null) {
            return answered;
        }
        throw Objects.requireNonNull(failure);
    }

    private MasterState read(URI address) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(resolve(address, "/json/")).GET(), address);
        if (response.statusCode() != 200) {
            throw new IOException("the Spark master's web UI at " + address + " answered " + response.statusCode());
        }
        return JSON.readValue(response.body(), MasterState.class);
    }

    /** The last lines of the driver's stderr, from the worker it ran on. */
    public List<String> driverStderrTail(String workerUi, String driverId) throws IOException {
        URI worker = URI.create(workerUi);
        URI log = resolve(worker, "/log/?driverId=" + URLEncoder.encode(driverId, StandardCharsets.UTF_8)
                + "&logType=stderr&byteLength=" + STDERR_TAIL_BYTES);
        HttpResponse<String> response = send(HttpRequest.newBuilder(log).GET(), worker);
        if (response.statusCode() != 200) {
            throw new IOException("the worker's web UI at " + workerUi + " answered " + response.statusCode());
        }
        // The first line is the worker's header: "==== Bytes 0-123 of 123 of <dir>/stderr ====".
        List<String> lines = response.body().lines().toList();
        return lines.isEmpty() || !lines.get(0).startsWith("====") ? lines : lines.subList(1, lines.size());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, URI address) throws IOException {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + address, e);
        } catch (IOException e) {
            throw new IOException("the Spark web UI at " + address + " cannot be reached (" + e + ")", e);
        }
    }

    private static URI resolve(URI address, String pathAndQuery) {
        String base = address.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }
}
