package dev.livy.server.api;

import dev.livy.common.CodeKind;
import dev.livy.server.error.LivyException;
import dev.livy.server.session.InteractiveSession;

/** The code kind a statement or completion request names, or its session's own kind; a 400 when neither works. */
final class RequestedKind {
    private RequestedKind() {
    }

    static CodeKind of(InteractiveSession session, String requested) {
        if (requested == null) {
            return session.kind().defaultCodeKind().orElseThrow(() -> LivyException.invalid(
                    "Session " + session.id() + " is shared: the request must name its kind ("
                            + CodeKind.validNames() + ")."));
        }
        return CodeKind.parse(requested).orElseThrow(() -> LivyException.invalid(
                "Invalid kind '" + requested + "'; valid kinds: " + CodeKind.validNames() + "."));
    }
}
