package dev.livy.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSecurityCheckTest {
    @Path("/things")
    public static final class Declared {
        @GET
        @ResourceSecurity(AccessLevel.ANY_USER)
        public String list() {
            return "[]";
        }

        public String helper() {
            return "not a resource method";
        }
    }

    @Path("/things")
    public static final class Undeclared {
        @GET
        @ResourceSecurity(AccessLevel.VIEW)
        public String get() {
            return "{}";
        }

        @DELETE
        public String delete() {
            return "gone";
        }

        @Path("sub")
        public Object locator() {
            return new Declared();
        }
    }

    @Test
    void acceptsResourcesWhoseEveryMethodDeclaresALevel() {
        ResourceSecurityCheck.requireDeclared(List.of(Declared.class));
    }

    @Test
    void namesEveryResourceMethodWithoutALevel() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ResourceSecurityCheck.requireDeclared(List.of(Declared.class, Undeclared.class)));

        assertEquals("Resource methods without a declared access level (@ResourceSecurity): Undeclared.delete, "
                + "Undeclared.locator", refused.getMessage());
    }
}
