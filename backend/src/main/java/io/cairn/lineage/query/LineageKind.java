package io.cairn.lineage.query;

import io.cairn.common.error.InvalidInputException;

/** The kinds of node in the lineage graph, by the names the API uses ({@code /lineage/{kind}/{id}}). */
public enum LineageKind {
    DATASET_VERSION("dataset-version"),
    SOURCE_SNAPSHOT("source-snapshot"),
    RUN("run"),
    ARTIFACT("artifact"),
    MODEL_VERSION("model-version"),
    DEPLOYMENT("deployment");

    private final String label;

    LineageKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The node's key in the graph tables: {@code <kind>:<id>}. */
    public String key(String id) {
        return label + ":" + id;
    }

    public static LineageKind parse(String value, String field) {
        for (LineageKind kind : values()) {
            if (kind.label.equals(value)) {
                return kind;
            }
        }
        throw new InvalidInputException(field,
                "kind must be one of dataset-version, source-snapshot, run, artifact, model-version, deployment");
    }
}
