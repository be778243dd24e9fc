package io.cairn.run.query.search;

/** The kind of literal a search field is compared with. */
enum ValueType {
    /** A floating-point number (metric values). */
    NUMBER("a number"),
    /** A whole number of milliseconds since the epoch (start and end times). */
    MILLIS("a whole number of milliseconds since the epoch"),
    /** A quoted string (params, tags and text attributes). */
    STRING("a quoted string");

    final String description;

    ValueType(String description) {
        this.description = description;
    }
}
