package io.cairn.registry.api;

import io.cairn.common.error.InvalidInputException;

/** MLflow's model version stages. Events store the constant's name; the API shows {@link #label()}. */
public enum ModelStage {
    NONE("None"),
    STAGING("Staging"),
    PRODUCTION("Production"),
    ARCHIVED("Archived");

    private final String label;

    ModelStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Staging and Production may archive the versions already there; None and Archived hold any number. */
    public boolean archivesOthers() {
        return this == STAGING || this == PRODUCTION;
    }

    /** The stage named by {@code value} (case-insensitive), or a 400 naming {@code field}. */
    public static ModelStage parse(String value, String field) {
        for (ModelStage stage : values()) {
            if (stage.label.equalsIgnoreCase(value)) {
                return stage;
            }
        }
        throw new InvalidInputException(field, "stage must be one of None, Staging, Production, Archived");
    }

    public static ModelStage ofLabel(String label) {
        for (ModelStage stage : values()) {
            if (stage.label.equals(label)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("No stage labelled " + label);
    }
}
