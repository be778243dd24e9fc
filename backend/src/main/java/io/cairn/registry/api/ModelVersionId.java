package io.cairn.registry.api;

/** Model version ids are {@code <modelId>.v<version>}, as dataset version ids are: opaque to clients. */
public final class ModelVersionId {

    private ModelVersionId() {
    }

    public static String of(String modelId, int version) {
        return modelId + ".v" + version;
    }
}
