package io.cairn.deployment.api;

import io.cairn.common.messaging.WireName;
import org.axonframework.serialization.Revision;

/**
 * Everything that happens to a deployment. Wire names are stored in the event log: never change them. Versions
 * carry the alias they were resolved from, so the log says both what was asked for and what was served.
 */
public sealed interface DeploymentEvent {

    String deploymentId();

    String tenantId();

    /** {@code projectId} is the project of the run the first version was trained in; access follows it. */
    @WireName("cairn.deployment.DeploymentCreated")
    @Revision("1")
    record DeploymentCreatedEvent(String deploymentId, String tenantId, String name, String target, String projectId,
                                  String modelId, ServedVersion version, int replicas) implements DeploymentEvent {
    }

    @WireName("cairn.deployment.DeploymentScaled")
    @Revision("1")
    record DeploymentScaledEvent(String deploymentId, String tenantId, int replicas, int previousReplicas)
            implements DeploymentEvent {
    }

    /** The stable version replaced at once (an update without canary). */
    @WireName("cairn.deployment.DeploymentVersionChanged")
    @Revision("1")
    record DeploymentVersionChangedEvent(String deploymentId, String tenantId, String modelId, ServedVersion version,
                                         int previousVersion) implements DeploymentEvent {
    }

    /** A canary version takes {@code canaryPercent} of the traffic beside the stable version. */
    @WireName("cairn.deployment.DeploymentCanaryStarted")
    @Revision("1")
    record DeploymentCanaryStartedEvent(String deploymentId, String tenantId, String modelId, ServedVersion canary,
                                        int canaryPercent, int stableVersion) implements DeploymentEvent {
    }

    /** The canary becomes the stable version with all the traffic. */
    @WireName("cairn.deployment.DeploymentCanaryPromoted")
    @Revision("1")
    record DeploymentCanaryPromotedEvent(String deploymentId, String tenantId, int version, int previousVersion)
            implements DeploymentEvent {
    }

    /** The canary is dropped; the stable version takes all the traffic again. */
    @WireName("cairn.deployment.DeploymentCanaryRolledBack")
    @Revision("1")
    record DeploymentCanaryRolledBackEvent(String deploymentId, String tenantId, int canaryVersion)
            implements DeploymentEvent {
    }

    @WireName("cairn.deployment.DeploymentDeleted")
    @Revision("1")
    record DeploymentDeletedEvent(String deploymentId, String tenantId) implements DeploymentEvent {
    }
}
