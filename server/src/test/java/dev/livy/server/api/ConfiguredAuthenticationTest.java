package dev.livy.server.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.livy.server.config.LivyConf;
import dev.livy.server.security.ServerSecurity;
import dev.livy.server.testing.InMemoryLdap;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * basic and ldap authentication as livy.conf configures them, over real HTTP: an htpasswd file written by
 * {@code htpasswd -B}, and an LDAP directory (in this JVM: LdapPasswordCheckSlapdTest covers a real OpenLDAP).
 */
class ConfiguredAuthenticationTest {
    @RegisterExtension
    final InProcessServers server = InProcessServers.startedByEachTest();

    @Test
    void basicChecksTheHtpasswdFileAndSeesItChange() throws Exception {
        Path users = server.workDirectory().resolve("users");
        // Lines written by htpasswd -B (see HtpasswdFileTest): alice's password is "wonderland".
        Files.write(users, Files.readAllLines(Path.of("src/test/resources/security/htpasswd")).subList(0, 1));
        start(Map.of("livy.server.auth.type", "basic", "livy.server.auth.basic.credentials-file", users.toString()));

        as("alice", "wonderland").body("{\"kind\":\"sql\"}").post("/sessions").then().statusCode(201)
                .body("owner", equalTo("alice"));
        as("alice", "Wonderland").get("/sessions").then().statusCode(401);
        as("bob", "pass:with:colons").get("/sessions").then().statusCode(401);

        Files.write(users, Files.readAllLines(Path.of("src/test/resources/security/htpasswd")).subList(1, 2));

        as("bob", "pass:with:colons").get("/sessions").then().statusCode(200);
        as("alice", "wonderland").get("/sessions").then().statusCode(401);
    }

    @Test
    void ldapBindsAsTheUser() throws Exception {
        try (InMemoryLdap directory = InMemoryLdap.start()) {
            directory.addUser("alice", "wonderland");
            start(Map.of("livy.server.auth.type", "ldap", "livy.server.auth.ldap.url", directory.url(),
                    "livy.server.auth.ldap.base-dn", directory.baseDn()));

            as("alice", "wonderland").body("{\"kind\":\"pyspark\"}").post("/sessions").then().statusCode(201)
                    .body("owner", equalTo("alice"));
            as("alice", "wrong").get("/sessions").then().statusCode(401)
                    .header("WWW-Authenticate", "Basic realm=\"Livy\", charset=\"UTF-8\"");
            as("mallory", "wonderland").get("/sessions").then().statusCode(401);
            as("alice", "").get("/sessions").then().statusCode(401);
        }
    }

    private void start(Map<String, String> conf) throws Exception {
        ServerSecurity security = ServerSecurity.from(new LivyConf(conf), getClass().getClassLoader());
        server.start(Map.of(), security);
    }

    private RequestSpecification as(String user, String password) {
        return given().baseUri("http://127.0.0.1").port(server.port()).auth().preemptive().basic(user, password);
    }
}
