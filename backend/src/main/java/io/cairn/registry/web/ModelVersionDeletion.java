package io.cairn.registry.web;

import static io.cairn.registry.web.ModelController.PROJECTION;
import static io.cairn.registry.web.ModelController.RESOURCE;

import io.cairn.common.error.ConflictException;
import io.cairn.common.messaging.Commands;
import io.cairn.registry.api.RegisteredModelCommand.DeleteModelVersionCommand;
import io.cairn.registry.api.VersionServing;
import io.cairn.registry.query.ModelReadModel;
import io.cairn.tenancy.CairnPrincipal;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Deleting a model version, for Cairn's API and MLflow's: refused while a deployment serves the version (a
 * check against the deployments read model, so a deployment created in the same instant can slip through;
 * its served artifact stays in the run's store either way), then the registry's command decides the rest.
 */
@Component
public class ModelVersionDeletion {

    private final Commands commands;
    private final ModelReadModel models;
    private final VersionServing deployments;

    public ModelVersionDeletion(Commands commands, ModelReadModel models, VersionServing deployments) {
        this.commands = commands;
        this.models = models;
        this.deployments = deployments;
    }

    /** Deletes {@code version} of the caller's model {@code modelId}; 404 for an unknown model or version. */
    public void delete(CairnPrincipal caller, String modelId, int version) {
        models.version(caller.tenantId(), modelId, version);
        List<String> serving = deployments.deploymentsServing(caller.tenantId(), modelId, version);
        if (!serving.isEmpty()) {
            throw new ConflictException("version", "Version " + version + " is served by deployment(s) "
                    + String.join(", ", serving) + "; delete them or move them to another version first");
        }
        commands.sendAndProject(new DeleteModelVersionCommand(modelId, caller.tenantId(), version, caller), RESOURCE,
                modelId, PROJECTION);
    }
}
