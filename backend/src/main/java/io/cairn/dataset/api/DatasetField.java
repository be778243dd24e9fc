package io.cairn.dataset.api;

/** One column of a dataset version's schema. */
public record DatasetField(String name, String type, Boolean nullable) {
}
