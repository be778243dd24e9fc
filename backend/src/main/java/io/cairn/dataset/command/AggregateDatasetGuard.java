package io.cairn.dataset.command;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.dataset.api.DatasetGuard;
import io.cairn.dataset.api.DatasetVersionId;
import io.cairn.run.api.DatasetInput;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Answers from the event-sourced {@link Dataset}s themselves. */
@Component
class AggregateDatasetGuard implements DatasetGuard {

    private final Configuration axon;

    AggregateDatasetGuard(@Lazy Configuration axon) {
        this.axon = axon;
    }

    @Override
    public List<DatasetInput> requireVersions(String tenantId, List<String> datasetVersionIds, String field) {
        List<DatasetInput> inputs = new ArrayList<>();
        for (int i = 0; i < datasetVersionIds.size(); i++) {
            String id = datasetVersionIds.get(i);
            DatasetVersionId version = DatasetVersionId.parse(id);
            if (version == null) {
                throw new InvalidInputException(field + "[" + i + "]", "'" + id + "' is not a dataset version id");
            }
            try {
                axon.repository(Dataset.class).load(version.datasetId()).execute(d -> d.requireVersion(tenantId, version));
            } catch (AggregateNotFoundException e) {
                throw new NotFoundException("Dataset version", id);
            }
            inputs.add(new DatasetInput(version.datasetId(), id));
        }
        return inputs;
    }
}
