package io.cairn.dataset.query;

import io.cairn.dataset.api.DatasetField;
import java.util.List;

/** A dataset and, when read one at a time, its versions (newest first). Times are epoch milliseconds. */
public record DatasetView(String id, String name, String description, boolean deprecated, String deprecationReason,
                          int latestVersion, String createdBy, long creationTime, List<Version> versions) {

    public record Version(String id, String datasetId, int version, String uri, String digest, Long size,
                          List<DatasetField> schema, String createdBy, long creationTime) {
    }
}
