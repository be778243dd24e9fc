package io.cairn.dataset.api;

import io.cairn.common.messaging.WireName;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Everything that happens to a dataset. Wire names are stored in the event log: never change them. */
public sealed interface DatasetEvent {

    String datasetId();

    String tenantId();

    @WireName("cairn.dataset.DatasetRegistered")
    @Revision("1")
    record DatasetRegisteredEvent(String datasetId, String tenantId, String name, String description)
            implements DatasetEvent {
    }

    @WireName("cairn.dataset.DatasetVersionAdded")
    @Revision("1")
    record DatasetVersionAddedEvent(String datasetId, String tenantId, String datasetVersionId, int version,
                                    String uri, String digest, Long size, List<DatasetField> schema)
            implements DatasetEvent {
    }

    @WireName("cairn.dataset.DatasetDeprecated")
    @Revision("1")
    record DatasetDeprecatedEvent(String datasetId, String tenantId, String reason) implements DatasetEvent {
    }
}
