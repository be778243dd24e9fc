package io.cairn.mlflow.web;

import io.cairn.common.error.ConflictException;
import io.cairn.common.messaging.Commands;
import io.cairn.project.api.ProjectCommand.CreateProjectCommand;
import io.cairn.project.query.ProjectReadModel;
import io.cairn.tenancy.CairnPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * MLflow's default experiment, id {@code "0"}, which clients use when they never set an experiment: in Cairn it is
 * the organization's project named {@value #NAME}. The first run logged to {@code "0"} creates that project (its
 * creator becomes its owner, like any project); until then, reads of {@code "0"} find nothing.
 */
@Component
class DefaultExperiment {

    static final String ID = "0";
    static final String NAME = "Default";

    private final Commands commands;
    private final ProjectReadModel projects;

    DefaultExperiment(Commands commands, ProjectReadModel projects) {
        this.commands = commands;
        this.projects = projects;
    }

    /** The project an experiment id names: {@code "0"} is the Default project when there is one. */
    String resolve(CairnPrincipal caller, String experimentId) {
        return existing(caller, experimentId).orElse(experimentId);
    }

    /** Like {@link #resolve}, but an id {@code "0"} with no Default project yet is empty. */
    Optional<String> existing(CairnPrincipal caller, String experimentId) {
        if (!ID.equals(experimentId)) {
            return Optional.of(experimentId);
        }
        return projects.idByName(caller.tenantId(), NAME);
    }

    /** Like {@link #resolve}, creating the Default project on first use (the caller must be able to create projects). */
    String resolveOrCreate(CairnPrincipal caller, String experimentId) {
        Optional<String> found = existing(caller, experimentId);
        if (found.isPresent()) {
            return found.get();
        }
        String id = UUID.randomUUID().toString();
        try {
            commands.sendAndProject(new CreateProjectCommand(id, caller.tenantId(), NAME,
                    "MLflow's default experiment (id 0): runs logged without an experiment", Map.of()),
                    "Experiment", id, "projects", "access");
            return id;
        } catch (ConflictException raced) {
            // another request created it first (the name is unique per organization)
            return projects.idByName(caller.tenantId(), NAME).orElseThrow(() -> raced);
        }
    }
}
