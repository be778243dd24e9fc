package io.cairn.deployment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands on a {@code Deployment}; each names the tenant it acts in. The web layer resolves model versions and
 * aliases against the registry (and checks the artifact is stored) before sending them, so a command carries the
 * version it deploys together with the alias it was resolved from.
 */
public sealed interface DeploymentCommand {

    String deploymentId();

    String tenantId();

    /** {@code alias} is null when the caller named the version itself. */
    record CreateDeploymentCommand(@TargetAggregateIdentifier String deploymentId, String tenantId, String name,
                                   String target, String projectId, String modelId, ServedVersion version,
                                   Integer replicas) implements DeploymentCommand {
    }

    record ScaleDeploymentCommand(@TargetAggregateIdentifier String deploymentId, String tenantId, Integer replicas)
            implements DeploymentCommand {
    }

    /**
     * Moves the deployment to another version of its model: at once when {@code canaryPercent} is null, or as a
     * canary taking that share of the traffic (1..99) beside the stable version until promoted or rolled back.
     */
    record UpdateDeploymentCommand(@TargetAggregateIdentifier String deploymentId, String tenantId,
                                   ServedVersion version, Integer canaryPercent) implements DeploymentCommand {
    }

    record PromoteCanaryCommand(@TargetAggregateIdentifier String deploymentId, String tenantId)
            implements DeploymentCommand {
    }

    record RollBackCanaryCommand(@TargetAggregateIdentifier String deploymentId, String tenantId)
            implements DeploymentCommand {
    }

    record DeleteDeploymentCommand(@TargetAggregateIdentifier String deploymentId, String tenantId)
            implements DeploymentCommand {
    }
}
