package dev.livy.server.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users of one version of an htpasswd file: {@code user:hash} lines, blank lines and {@code #} comments, as
 * {@code htpasswd -B} writes them. Lines that cannot be used (no colon, a hash that is not bcrypt, a user listed
 * twice) are left out and described in {@link #problems()}, which name the line and the user but never the hash.
 * Immutable.
 */
final class HtpasswdUsers {
    /** What {@code htpasswd -B} uses when no {@code -C} is given. */
    private static final int HTPASSWD_DEFAULT_COST = 5;

    private final Map<String, String> hashes;
    private final List<String> problems;
    private final int highestCost;

    private HtpasswdUsers(Map<String, String> hashes, List<String> problems) {
        this.hashes = Map.copyOf(hashes);
        this.problems = List.copyOf(problems);
        // Read on every refused login: computed once per version of the file, not per request.
        this.highestCost = hashes.values().stream().mapToInt(Bcrypt::cost).max().orElse(HTPASSWD_DEFAULT_COST);
    }

    static HtpasswdUsers parse(String content) {
        Map<String, String> hashes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (index + 1);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(where + " is not user:hash; it is ignored");
                continue;
            }
            String user = line.substring(0, colon);
            // Apache reads the hash up to the next colon; anything after it is not ours to interpret.
            String hash = line.substring(colon + 1).split(":", 2)[0];
            if (!Bcrypt.isHash(hash)) {
                problems.add(where + ": user '" + user + "' cannot log in: the hash is " + scheme(hash)
                        + ", and only bcrypt (htpasswd -B) is accepted");
                continue;
            }
            if (hashes.putIfAbsent(user, hash) != null) {
                problems.add(where + ": user '" + user + "' is listed again; the first entry counts");
            }
        }
        return new HtpasswdUsers(hashes, problems);
    }

    Optional<String> hashOf(String user) {
        return Optional.ofNullable(hashes.get(user));
    }

    int size() {
        return hashes.size();
    }

    /** The highest cost in the file, which refusals of unknown users and of cheaper hashes are timed to. */
    int highestCost() {
        return highestCost;
    }

    List<String> problems() {
        return problems;
    }

    private static String scheme(String hash) {
        if (hash.startsWith("$apr1$")) {
            return "MD5 ($apr1$)";
        }
        if (hash.startsWith("{SHA}")) {
            return "SHA-1 ({SHA})";
        }
        if (hash.startsWith("$5$") || hash.startsWith("$6$")) {
            return "SHA-2 crypt";
        }
        if (hash.startsWith("$2")) {
            return "malformed bcrypt";
        }
        return "crypt or plain-text";
    }
}
