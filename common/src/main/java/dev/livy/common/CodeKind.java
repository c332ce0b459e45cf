package dev.livy.common;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The language of one statement; each has its wire name and the aliases clients send. */
public enum CodeKind {
    SPARK("spark", "scala"),
    PYSPARK("pyspark", "python", "pyspark3"),
    SPARKR("sparkr", "r"),
    SQL("sql");

    private final String wireName;
    private final List<String> aliases;

    CodeKind(String wireName, String... aliases) {
        this.wireName = wireName;
        this.aliases = List.of(aliases);
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<CodeKind> parse(String name) {
        return Arrays.stream(values())
                .filter(kind -> kind.wireName.equals(name) || kind.aliases.contains(name))
                .findFirst();
    }

    public static String validNames() {
        return "spark, scala, pyspark, python, sparkr, r, sql";
    }

    @Override
    public String toString() {
        return wireName;
    }
}
