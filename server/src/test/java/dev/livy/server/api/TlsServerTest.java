package dev.livy.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.security.ServerSecurity;
import dev.livy.server.security.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With livy.keystore set the server speaks HTTPS only, with modern protocols and HSTS. */
class TlsServerTest {
    private static final String PASSWORD = "keystore-secret";

    @RegisterExtension
    final InProcessServers server = InProcessServers.startedByEachTest();
    private Path keystore;

    @BeforeEach
    void start() throws Exception {
        keystore = server.workDirectory().resolve("livy.p12");
        keytool("-genkeypair", "-alias", "livy", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        server.start(Map.of(), new ServerSecurity(Optional.empty(), List.of(),
                Optional.of(new TlsSettings(keystore, PASSWORD, PASSWORD, "PKCS12"))));
    }

    @Test
    void servesHttpsWithHsts() throws Exception {
        HttpResponse<String> response = client("TLSv1.3", "TLSv1.2").send(version("https"),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"version\":\"0.9.0\""), response.body());
        assertEquals(Optional.of("max-age=31536000"), response.headers().firstValue("Strict-Transport-Security"));
        assertEquals("TLSv1.3", response.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void acceptsTls12ClientsToo() throws Exception {
        HttpResponse<String> response = client("TLSv1.2").send(version("https"),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("TLSv1.2", response.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void plainHttpGetsNoAnswer() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThrows(IOException.class, () -> plain.send(version("http"), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest version(String scheme) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + "/version"))
                .timeout(Duration.ofSeconds(10)).build();
    }

    private HttpClient client(String... protocols) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(protocols);
        return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), output);
    }
}
