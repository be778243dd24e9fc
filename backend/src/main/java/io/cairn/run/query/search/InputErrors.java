package io.cairn.run.query.search;

import io.cairn.common.error.InvalidInputException;

/**
 * Builds the {@link InvalidInputException}s for one input ({@code filter} or {@code orderBy[i]}):
 * {@code Invalid filter at position 17: ...}, positions being 1-based character offsets.
 */
record InputErrors(String field) {

    /** @param offset 0-based offset into the input; reported 1-based */
    InvalidInputException at(int offset, String problem) {
        return new InvalidInputException(field, "Invalid " + field + " at position " + (offset + 1) + ": " + problem);
    }

    InvalidInputException whole(String problem) {
        return new InvalidInputException(field, "Invalid " + field + ": " + problem);
    }
}
