package io.cairn.dataset.api;

/** Dataset version ids are {@code <datasetId>.v<version>}: opaque to clients, resolvable by the server. */
public record DatasetVersionId(String datasetId, int version) {

    public static DatasetVersionId parse(String id) {
        if (id == null) {
            return null;
        }
        int dot = id.lastIndexOf(".v");
        if (dot <= 0) {
            return null;
        }
        try {
            int version = Integer.parseInt(id.substring(dot + 2));
            return version > 0 ? new DatasetVersionId(id.substring(0, dot), version) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return datasetId + ".v" + version;
    }
}
