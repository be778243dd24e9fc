package io.cairn.search.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of resource the global search finds. {@link #wireName()} is stored in every index and used in
 * queries ({@code kind:run}) and responses: never change it.
 */
public enum SearchKind {
    PROJECT("project"),
    RUN("run"),
    DATASET("dataset"),
    MODEL("model");

    private final String wireName;

    SearchKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether every member of the organization reads this kind; otherwise it belongs to one project. */
    public boolean organizationWide() {
        return this == DATASET || this == MODEL;
    }

    @JsonCreator
    public static SearchKind fromWireName(String name) {
        return ofWireName(name).orElseThrow(() -> new IllegalArgumentException("Unknown search kind " + name));
    }

    public static Optional<SearchKind> ofWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equalsIgnoreCase(name)).findFirst();
    }
}
