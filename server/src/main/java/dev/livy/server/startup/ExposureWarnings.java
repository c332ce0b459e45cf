package dev.livy.server.startup;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.LivyConfKeys;
import dev.livy.server.config.SecurityConfKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the server says at start about who can reach it: loopback only without authentication unless the host is
 * set, a warning when it is exposed without authentication, and impersonation that cannot work without it.
 * Stateless.
 */
public final class ExposureWarnings {
    private ExposureWarnings() {
    }

    /**
     * @param authType the configured authentication type, if any
     * @param host     the address the server listens on
     * @param user     the operating-system user the server (and so every session) runs as
     * @return the warnings, in the order to log them; none when authentication is configured
     */
    public static List<String> of(LivyConf conf, Optional<String> authType, String host, String user) {
        if (authType.isPresent()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        if (conf.get(LivyConfKeys.SERVER_HOST).isEmpty()) {
            warnings.add("No authentication is configured (livy.server.auth.type), so the server listens on "
                    + "loopback (" + host + ") only; set livy.server.host to listen elsewhere.");
        } else if (!isLoopback(host)) {
            warnings.add("No authentication is configured (livy.server.auth.type) and livy.server.host is " + host
                    + ": anyone who can reach this port can run code as user " + user + ".");
        }
        if (conf.get(SecurityConfKeys.IMPERSONATION)) {
            warnings.add("livy.impersonation.enabled without authentication: requests naming a proxyUser or doAs "
                    + "are refused, and everything runs as user " + user + ".");
        }
        return List.copyOf(warnings);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
