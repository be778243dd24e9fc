package io.cairn.dataset.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a {@code Dataset}; each names the tenant it acts in. */
public sealed interface DatasetCommand {

    String datasetId();

    String tenantId();

    record RegisterDatasetCommand(@TargetAggregateIdentifier String datasetId, String tenantId, String name,
                                  String description) implements DatasetCommand {
    }

    /** Adds a version; answers the version id (an existing one when uri and digest repeat the latest). */
    record AddDatasetVersionCommand(@TargetAggregateIdentifier String datasetId, String tenantId, String uri,
                                    String digest, Long size, List<DatasetField> schema) implements DatasetCommand {
    }

    record DeprecateDatasetCommand(@TargetAggregateIdentifier String datasetId, String tenantId, String reason)
            implements DatasetCommand {
    }
}
