package dev.livy.common;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kind a session is created with; {@code shared} when none was given. */
public enum SessionKind {
    SPARK("spark", CodeKind.SPARK),
    PYSPARK("pyspark", CodeKind.PYSPARK),
    SPARKR("sparkr", CodeKind.SPARKR),
    SQL("sql", CodeKind.SQL),
    SHARED("shared", null);

    private final String wireName;
    private final CodeKind defaultCodeKind;

    SessionKind(String wireName, CodeKind defaultCodeKind) {
        this.wireName = wireName;
        this.defaultCodeKind = defaultCodeKind;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The code kind of a statement that names none; empty for a shared session. */
    public Optional<CodeKind> defaultCodeKind() {
        return Optional.ofNullable(defaultCodeKind);
    }

    /** Parses a kind from a request; {@code pyspark3} (old sparkmagic) means {@code pyspark}. */
    public static Optional<SessionKind> parse(String name) {
        if ("pyspark3".equals(name)) {
            return Optional.of(PYSPARK);
        }
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }

    public static String validNames() {
        return Arrays.stream(values()).map(SessionKind::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
