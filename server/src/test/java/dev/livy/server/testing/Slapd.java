package dev.livy.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway OpenLDAP server (Debian's {@code slapd}) for tests, with its configuration, database and sockets in a
 * directory of the test's own: suffix {@code dc=example,dc=com}, people under {@link #baseDn()}, listening on a free
 * port of 127.0.0.1, run as the current user. Entries are added with {@code ldapadd} (package {@code ldap-utils})
 * through a local {@code ldapi} socket, which slapd counts as secure, so this works for the TLS-only variant too.
 * Like many directories it accepts an unauthenticated bind (a DN with an empty password) as anonymous.
 *
 * <p>{@link #close()} stops the server; a JVM shutdown hook stops it if a test forgets. Not thread-safe.
 */
public final class Slapd implements LdapDirectory {
    private static final String SUFFIX = "dc=example,dc=com";
    private static final String PEOPLE = "ou=people," + SUFFIX;
    private static final String ROOT_DN = "cn=admin," + SUFFIX;
    private static final String ROOT_PASSWORD = "admin-secret";
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final String ldapi;
    private final Path log;
    private final Thread shutdownHook;

    private Slapd(Process process, int port, String ldapi, Path log) {
        this.process = process;
        this.port = port;
        this.ldapi = ldapi;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "slapd-" + port + "-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Whether the slapd and ldapadd programs are there (Debian packages slapd and ldap-utils). */
    public static boolean installed() {
        return program("slapd").isPresent() && program("ldapadd").isPresent();
    }

    /** Starts a server that accepts simple binds in plain text and offers no StartTLS. */
    public static Slapd start(Path directory) throws IOException {
        return start(directory, List.of());
    }

    /**
     * Starts a server that offers StartTLS with the given PEM certificate and key, and refuses simple binds on a
     * connection that is not encrypted (LDAP result 13, confidentiality required).
     */
    public static Slapd startRequiringTls(Path directory, Path certificate, Path privateKey) throws IOException {
        return start(directory, List.of(
                "TLSCertificateFile " + certificate.toAbsolutePath(),
                "TLSCertificateKeyFile " + privateKey.toAbsolutePath(),
                "security simple_bind=64"));
    }

    private static Slapd start(Path directory, List<String> tlsSettings) throws IOException {
        Path slapd = program("slapd").orElseThrow(() -> new IllegalStateException(
                "slapd is not installed: apt-get install slapd ldap-utils"));
        Path database = Files.createDirectories(directory.resolve("db"));
        Path configuration = directory.resolve("slapd.conf");
        Files.write(configuration, Stream.of(
                List.of("include /etc/ldap/schema/core.schema",
                        "include /etc/ldap/schema/cosine.schema",
                        "include /etc/ldap/schema/inetorgperson.schema",
                        "modulepath /usr/lib/ldap",
                        "moduleload back_mdb",
                        "allow bind_anon_dn"),
                tlsSettings,
                List.of("database mdb",
                        "maxsize 10485760",
                        "suffix \"" + SUFFIX + "\"",
                        "rootdn \"" + ROOT_DN + "\"",
                        "rootpw " + ROOT_PASSWORD,
                        "directory " + database.toAbsolutePath()))
                .flatMap(List::stream).toList());
        int port = freePort();
        String ldapi = "ldapi://" + percentEncoded(directory.resolve("ldapi").toAbsolutePath().toString());
        Path log = directory.resolve("slapd.log");
        Process process = new ProcessBuilder(slapd.toString(), "-f", configuration.toString(),
                "-h", "ldap://127.0.0.1:" + port + "/ " + ldapi, "-d", "stats")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Slapd server = new Slapd(process, port, ldapi, log);
        try {
            server.awaitListening();
            server.ldapadd("dn: " + SUFFIX + "\nobjectClass: dcObject\nobjectClass: organization\ndc: example\n"
                    + "o: example\n\ndn: " + PEOPLE + "\nobjectClass: organizationalUnit\nou: people\n");
            return server;
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    @Override
    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    @Override
    public String baseDn() {
        return PEOPLE;
    }

    @Override
    public void addUser(String uid, String password) throws IOException {
        ldapadd("dn:: " + base64("uid=" + uid + "," + PEOPLE) + "\nobjectClass: inetOrgPerson\nuid:: " + base64(uid)
                + "\ncn:: " + base64(uid) + "\nsn:: " + base64(uid) + "\nuserPassword:: " + base64(password) + "\n");
    }

    @Override
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook anyway
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd exited with " + process.exitValue() + ": " + logText());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("slapd is not listening on " + port + " after "
                            + LIMIT.toSeconds() + "s: " + logText(), e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for slapd", e);
            }
        }
    }

    private void ldapadd(String ldif) throws IOException {
        Path ldapadd = program("ldapadd").orElseThrow(() -> new IllegalStateException(
                "ldapadd is not installed: apt-get install ldap-utils"));
        Process add = new ProcessBuilder(ldapadd.toString(), "-H", ldapi, "-o", "nettimeout=" + LIMIT.toSeconds(),
                "-x", "-D", ROOT_DN, "-w", ROOT_PASSWORD)
                .redirectErrorStream(true).start();
        try (OutputStream input = add.getOutputStream()) {
            input.write(ldif.getBytes(StandardCharsets.UTF_8));
        }
        try {
            String output = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!add.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS) || add.exitValue() != 0) {
                add.destroyForcibly();
                throw new IllegalStateException("ldapadd failed: " + output);
            }
        } catch (InterruptedException e) {
            add.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding to slapd", e);
        }
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> program(String name) {
        Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"));
        return Stream.concat(path, Stream.of("/usr/sbin", "/usr/bin"))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String percentEncoded(String path) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c < 0x80 && Character.isLetterOrDigit(c)) || "-._".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
