package io.cairn.run.api;

/** A dataset version a run declared as input. */
public record DatasetInput(String datasetId, String datasetVersionId) {
}
