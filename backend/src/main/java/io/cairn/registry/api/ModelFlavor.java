package io.cairn.registry.api;

import io.cairn.common.error.InvalidInputException;

/** How a model version's artifact is loaded for serving. Events store the constant's name; the API the label. */
public enum ModelFlavor {
    DL4J("dl4j"),
    SPARK_ML("spark-ml"),
    GENERIC("generic");

    private final String label;

    ModelFlavor(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The flavor named by {@code value}, or a 400 naming {@code field}. */
    public static ModelFlavor parse(String value, String field) {
        for (ModelFlavor flavor : values()) {
            if (flavor.label.equals(value)) {
                return flavor;
            }
        }
        throw new InvalidInputException(field, "flavor must be one of dl4j, spark-ml, generic");
    }
}
