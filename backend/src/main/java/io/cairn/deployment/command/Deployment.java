package io.cairn.deployment.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.validation.Inputs;
import io.cairn.deployment.api.DeploymentCommand.CreateDeploymentCommand;
import io.cairn.deployment.api.DeploymentCommand.DeleteDeploymentCommand;
import io.cairn.deployment.api.DeploymentCommand.PromoteCanaryCommand;
import io.cairn.deployment.api.DeploymentCommand.RollBackCanaryCommand;
import io.cairn.deployment.api.DeploymentCommand.ScaleDeploymentCommand;
import io.cairn.deployment.api.DeploymentCommand.UpdateDeploymentCommand;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryPromotedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryRolledBackEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryStartedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCreatedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentDeletedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentScaledEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentVersionChangedEvent;
import io.cairn.deployment.api.ServedVersion;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A model served behind a scoring endpoint: one stable version of one registered model and, during a canary,
 * a second version taking a share of the traffic. Scaling sets how many replicas serve each version (0 keeps the
 * deployment but serves nothing). A deleted deployment is gone: further commands answer 404.
 */
@Aggregate
public class Deployment {

    public static final String LOCAL = "local";
    public static final String KUBERNETES = "kubernetes";
    public static final int MAX_REPLICAS = 16;

    @AggregateIdentifier
    private String deploymentId;
    private String tenantId;
    private String modelId;
    private int replicas;
    private int stableVersion;
    private Integer canaryVersion;
    private boolean deleted;

    protected Deployment() {
    }

    @CommandHandler
    public Deployment(CreateDeploymentCommand command) {
        String name = Inputs.requireName("name", command.name());
        if (!LOCAL.equals(command.target()) && !KUBERNETES.equals(command.target())) {
            throw new InvalidInputException("target", "target must be 'local' or 'kubernetes'");
        }
        int replicas = command.replicas() == null ? 1 : requireReplicas(command.replicas());
        requireVersion(command.version());
        apply(new DeploymentCreatedEvent(command.deploymentId(), command.tenantId(), name, command.target(),
                command.projectId(), command.modelId(), command.version(), replicas));
    }

    @CommandHandler
    void handle(ScaleDeploymentCommand command) {
        requireLive(command.tenantId());
        if (command.replicas() == null) {
            throw new InvalidInputException("replicas", "replicas is required");
        }
        int wanted = requireReplicas(command.replicas());
        if (wanted != replicas) {
            apply(new DeploymentScaledEvent(deploymentId, tenantId, wanted, replicas));
        }
    }

    @CommandHandler
    void handle(UpdateDeploymentCommand command) {
        requireLive(command.tenantId());
        requireVersion(command.version());
        if (canaryVersion != null) {
            throw new ConflictException(null, "Version " + canaryVersion + " is a canary of this deployment; promote "
                    + "or roll it back before the next update");
        }
        if (command.version().version() == stableVersion) {
            throw new ConflictException("version", "The deployment already serves version " + stableVersion);
        }
        Integer percent = command.canaryPercent();
        if (percent == null) {
            apply(new DeploymentVersionChangedEvent(deploymentId, tenantId, modelId, command.version(), stableVersion));
            return;
        }
        if (percent < 1 || percent > 99) {
            throw new InvalidInputException("canaryPercent", "canaryPercent must be between 1 and 99 (leave it out "
                    + "to switch all the traffic at once)");
        }
        apply(new DeploymentCanaryStartedEvent(deploymentId, tenantId, modelId, command.version(), percent,
                stableVersion));
    }

    @CommandHandler
    void handle(PromoteCanaryCommand command) {
        requireLive(command.tenantId());
        requireCanary("promote");
        apply(new DeploymentCanaryPromotedEvent(deploymentId, tenantId, canaryVersion, stableVersion));
    }

    @CommandHandler
    void handle(RollBackCanaryCommand command) {
        requireLive(command.tenantId());
        requireCanary("roll back");
        apply(new DeploymentCanaryRolledBackEvent(deploymentId, tenantId, canaryVersion));
    }

    @CommandHandler
    void handle(DeleteDeploymentCommand command) {
        requireLive(command.tenantId());
        apply(new DeploymentDeletedEvent(deploymentId, tenantId));
    }

    private static int requireReplicas(int replicas) {
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            throw new InvalidInputException("replicas", "replicas must be between 0 and " + MAX_REPLICAS
                    + " (0 keeps the deployment but serves nothing)");
        }
        return replicas;
    }

    private static void requireVersion(ServedVersion version) {
        if (version == null || version.version() < 1 || version.artifactSha256() == null) {
            throw new InvalidInputException("version", "A model version (or alias) to serve is required");
        }
    }

    private void requireCanary(String action) {
        if (canaryVersion == null) {
            throw new ConflictException(null, "Deployment '" + deploymentId + "' has no canary to " + action);
        }
    }

    /** Another tenant's deployment, and a deleted one, are not found. */
    private void requireLive(String commandTenant) {
        if (!tenantId.equals(commandTenant) || deleted) {
            throw new NotFoundException("Deployment", deploymentId);
        }
    }

    @EventSourcingHandler
    void on(DeploymentCreatedEvent event) {
        deploymentId = event.deploymentId();
        tenantId = event.tenantId();
        modelId = event.modelId();
        replicas = event.replicas();
        stableVersion = event.version().version();
    }

    @EventSourcingHandler
    void on(DeploymentScaledEvent event) {
        replicas = event.replicas();
    }

    @EventSourcingHandler
    void on(DeploymentVersionChangedEvent event) {
        stableVersion = event.version().version();
    }

    @EventSourcingHandler
    void on(DeploymentCanaryStartedEvent event) {
        canaryVersion = event.canary().version();
    }

    @EventSourcingHandler
    void on(DeploymentCanaryPromotedEvent event) {
        stableVersion = event.version();
        canaryVersion = null;
    }

    @EventSourcingHandler
    void on(DeploymentCanaryRolledBackEvent event) {
        canaryVersion = null;
    }

    @EventSourcingHandler
    void on(DeploymentDeletedEvent event) {
        deleted = true;
    }
}
