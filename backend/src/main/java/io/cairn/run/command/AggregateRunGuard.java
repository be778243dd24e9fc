package io.cairn.run.command;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.run.api.RunArtifact;
import io.cairn.run.api.RunGuard;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Answers from the event-sourced {@link Run} itself, so an artifact logged a moment ago is always seen. */
@Component
class AggregateRunGuard implements RunGuard {

    private final Configuration axon;

    AggregateRunGuard(@Lazy Configuration axon) {
        this.axon = axon;
    }

    @Override
    public RunArtifact requireArtifact(String tenantId, String runId, String path, String runField, String pathField) {
        if (runId == null || runId.isBlank()) {
            throw new InvalidInputException(runField, "A run id is required");
        }
        if (path == null || path.isBlank()) {
            throw new InvalidInputException(pathField, "An artifact path is required, e.g. model/model.zip");
        }
        RunArtifact artifact;
        try {
            artifact = axon.repository(Run.class).load(runId).invoke(run -> {
                if (!run.belongsTo(tenantId)) {
                    throw new NotFoundException("Run", runId, runField);
                }
                return run.artifact(path);
            });
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Run", runId, runField);
        }
        if (artifact == null) {
            throw new NotFoundException("Artifact", path, pathField);
        }
        return artifact;
    }
}
