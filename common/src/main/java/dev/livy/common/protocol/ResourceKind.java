package dev.livy.common.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a file added to a session is for: a jar for the class path, a plain file, or a Python file. */
public enum ResourceKind {
    JAR("jar"),
    FILE("file"),
    PYFILE("pyfile");

    private final String wireName;

    ResourceKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ResourceKind fromWireName(String name) {
        for (ResourceKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown resource kind '" + name + "'");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
