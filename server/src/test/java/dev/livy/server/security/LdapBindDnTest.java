package dev.livy.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LdapBindDnTest {
    private static final Optional<String> PEOPLE = Optional.of("ou=people,dc=example,dc=com");
    private static final Optional<String> DOMAIN = Optional.of("example.com");

    @Test
    void withABaseDnTheUserIsAUidUnderIt() {
        LdapBindDn bindDn = new LdapBindDn(PEOPLE, Optional.empty());

        assertEquals(Optional.of("uid=alice,ou=people,dc=example,dc=com"), bindDn.of("alice"));
    }

    @Test
    void withADomainAndNoBaseDnTheUserBindsByPrincipalName() {
        LdapBindDn bindDn = new LdapBindDn(Optional.empty(), DOMAIN);

        assertEquals(Optional.of("alice@example.com"), bindDn.of("alice"));
        assertEquals(Optional.of("alice@corp.example.org"), bindDn.of("alice@corp.example.org"));
    }

    @Test
    void withBothTheDomainGoesIntoTheUidAsHadoopDoes() {
        LdapBindDn bindDn = new LdapBindDn(PEOPLE, DOMAIN);

        assertEquals(Optional.of("uid=alice@example.com,ou=people,dc=example,dc=com"), bindDn.of("alice"));
    }

    @Test
    void withNeitherTheNameIsUsedAsItIs() {
        LdapBindDn bindDn = new LdapBindDn(Optional.empty(), Optional.of("  "));

        assertEquals(Optional.of("alice"), bindDn.of("alice"));
    }

    @Test
    void namesThatCouldRewriteTheDnAreRefused() {
        LdapBindDn bindDn = new LdapBindDn(PEOPLE, Optional.empty());

        for (String user : List.of("", "alice,ou=admins", "alice+cn=x", "a\"b", "a\\2cb", "a<b", "a>b", "a;b", "a=b",
                "#alice", " alice", "alice ", "ali\0ce", "ali\nce")) {
            assertEquals(Optional.empty(), bindDn.of(user), user);
        }
        assertEquals(Optional.of("uid=o'brien.j-2,ou=people,dc=example,dc=com"), bindDn.of("o'brien.j-2"));
        assertEquals(Optional.of("uid=zoë,ou=people,dc=example,dc=com"), bindDn.of("zoë"));
    }
}
