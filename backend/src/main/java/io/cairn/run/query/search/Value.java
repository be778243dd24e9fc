package io.cairn.run.query.search;

import java.util.List;

/** The right-hand side of a comparison, already converted to the type its field is compared as. */
sealed interface Value {

    /** The SQL arguments this value binds, one per placeholder. */
    List<Object> args();

    /** A metric value. */
    record Real(double value) implements Value {
        @Override
        public List<Object> args() {
            return List.of(value);
        }
    }

    /** A time in milliseconds. */
    record Millis(long value) implements Value {
        @Override
        public List<Object> args() {
            return List.of(value);
        }
    }

    /** A string, also a LIKE pattern ({@code %} and {@code _} wildcards, {@code \} escapes them). */
    record Text(String value) implements Value {
        @Override
        public List<Object> args() {
            return List.of(value);
        }
    }

    /** The list of an IN or NOT IN comparison; never empty. */
    record TextList(List<String> values) implements Value {

        public TextList {
            values = List.copyOf(values);
        }

        @Override
        public List<Object> args() {
            return List.copyOf(values);
        }
    }
}
