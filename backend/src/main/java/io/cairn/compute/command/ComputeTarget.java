package io.cairn.compute.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.naming.UniqueNames;
import io.cairn.common.validation.Inputs;
import io.cairn.compute.api.ComputeKinds;
import io.cairn.compute.api.ComputeTargetCommand.CreateComputeTargetCommand;
import io.cairn.compute.api.ComputeTargetCommand.DeleteComputeTargetCommand;
import io.cairn.compute.api.ComputeTargetCommand.UpdateComputeTargetCommand;
import io.cairn.compute.api.ComputeTargetEvent.ComputeTargetCreatedEvent;
import io.cairn.compute.api.ComputeTargetEvent.ComputeTargetDeletedEvent;
import io.cairn.compute.api.ComputeTargetEvent.ComputeTargetUpdatedEvent;
import io.cairn.compute.api.TargetSettings;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Where runs execute: a named target of one organization with an executor kind and its settings. Agents lease the
 * runs submitted to the targets they serve. Deleting is soft: the name is released and no run can be submitted.
 */
@Aggregate
public class ComputeTarget {

    static final String NAME_SCOPE = "compute-target";
    private static final Pattern SPARK_MASTER = Pattern.compile("local(\\[(\\d+|\\*)])?|spark://\\S+|k8s://\\S+");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    @AggregateIdentifier
    private String targetId;
    private String tenantId;
    private String name;
    private String kind;
    private boolean deleted;

    protected ComputeTarget() {
    }

    @CommandHandler
    public ComputeTarget(CreateComputeTargetCommand command, UniqueNames names) {
        String name = Inputs.requireName("name", command.name());
        if (command.kind() == null || !ComputeKinds.ALL.contains(command.kind())) {
            throw new InvalidInputException("kind", "kind must be one of " + String.join(", ", ComputeKinds.ALL));
        }
        TargetSettings settings = requireSettings(command.settings());
        names.claim(command.tenantId(), NAME_SCOPE, name, command.targetId(), "name");
        apply(new ComputeTargetCreatedEvent(command.targetId(), command.tenantId(), name, command.kind(), settings));
    }

    @CommandHandler
    void handle(UpdateComputeTargetCommand command, UniqueNames names) {
        requireTenant(command.tenantId());
        String newName = command.name() == null ? name : Inputs.requireName("name", command.name());
        TargetSettings settings = command.settings() == null ? null : requireSettings(command.settings());
        if (!newName.equals(name)) {
            names.claim(tenantId, NAME_SCOPE, newName, targetId, "name");
            names.release(tenantId, NAME_SCOPE, name, targetId);
        }
        apply(new ComputeTargetUpdatedEvent(targetId, tenantId, newName, settings));
    }

    @CommandHandler
    void handle(DeleteComputeTargetCommand command, UniqueNames names) {
        requireTenant(command.tenantId());
        names.release(tenantId, NAME_SCOPE, name, targetId);
        apply(new ComputeTargetDeletedEvent(targetId, tenantId, name));
    }

    /** Used while other aggregates handle commands (a run submitted to this target). */
    String kindFor(String tenantId, String field) {
        if (deleted || !this.tenantId.equals(tenantId)) {
            throw new NotFoundException("Compute target", targetId, field);
        }
        return kind;
    }

    private TargetSettings requireSettings(TargetSettings settings) {
        if (settings == null) {
            return TargetSettings.none();
        }
        if (settings.sparkMaster() != null && !SPARK_MASTER.matcher(settings.sparkMaster()).matches()) {
            throw new InvalidInputException("settings.sparkMaster",
                    "sparkMaster must be local[N], local[*], spark://host:port or k8s://https://host:port");
        }
        if (settings.namespace() != null && !NAMESPACE.matcher(settings.namespace()).matches()) {
            throw new InvalidInputException("settings.namespace", "namespace must be a Kubernetes DNS label");
        }
        if (settings.gpus() != null && (settings.gpus() < 0 || settings.gpus() > 1024)) {
            throw new InvalidInputException("settings.gpus", "gpus must be between 0 and 1024");
        }
        if (settings.maxConcurrentRuns() != null && (settings.maxConcurrentRuns() < 1 || settings.maxConcurrentRuns() > 100_000)) {
            throw new InvalidInputException("settings.maxConcurrentRuns", "maxConcurrentRuns must be between 1 and 100000");
        }
        return settings;
    }

    private void requireTenant(String commandTenant) {
        if (deleted || !tenantId.equals(commandTenant)) {
            throw new NotFoundException("Compute target", targetId);
        }
    }

    @EventSourcingHandler
    void on(ComputeTargetCreatedEvent event) {
        targetId = event.targetId();
        tenantId = event.tenantId();
        name = event.name();
        kind = event.kind();
    }

    @EventSourcingHandler
    void on(ComputeTargetUpdatedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ComputeTargetDeletedEvent event) {
        deleted = true;
    }
}
