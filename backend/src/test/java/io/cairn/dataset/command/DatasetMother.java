package io.cairn.dataset.command;

import io.cairn.dataset.api.DatasetCommand.AddDatasetVersionCommand;
import io.cairn.dataset.api.DatasetEvent.DatasetRegisteredEvent;
import io.cairn.dataset.api.DatasetEvent.DatasetVersionAddedEvent;
import io.cairn.dataset.api.DatasetField;
import java.util.List;

/** Test data for the dataset context. */
public final class DatasetMother {

    public static final String TENANT = "acme";
    public static final String OTHER_TENANT = "globex";
    public static final String DATASET_ID = "d-1";
    public static final String URI = "file:///data/iris.csv";
    public static final String DIGEST = "sha256:" + "b".repeat(64);
    public static final List<DatasetField> SCHEMA = List.of(new DatasetField("sepal_length", "double", false),
            new DatasetField("species", "string", false));

    private DatasetMother() {
    }

    public static DatasetRegisteredEvent registered() {
        return new DatasetRegisteredEvent(DATASET_ID, TENANT, "iris", "Fisher's iris");
    }

    public static AddDatasetVersionCommand addVersion(String uri, String digest) {
        return new AddDatasetVersionCommand(DATASET_ID, TENANT, uri, digest, 4551L, SCHEMA);
    }

    public static DatasetVersionAddedEvent versionAdded(int version, String uri, String digest) {
        return new DatasetVersionAddedEvent(DATASET_ID, TENANT, DATASET_ID + ".v" + version, version, uri, digest, 4551L,
                SCHEMA);
    }
}
