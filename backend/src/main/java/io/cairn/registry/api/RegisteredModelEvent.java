package io.cairn.registry.api;

import io.cairn.common.messaging.WireName;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * Everything that happens to a registered model, its versions, aliases and approvals. Wire names are stored
 * in the event log: never change them. Principals appear as stable ids only.
 */
public sealed interface RegisteredModelEvent {

    String modelId();

    String tenantId();

    @WireName("cairn.registry.RegisteredModelCreated")
    @Revision("1")
    record RegisteredModelCreatedEvent(String modelId, String tenantId, String name, String description,
                                       Map<String, String> tags, List<String> protectedAliases)
            implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.RegisteredModelRenamed")
    @Revision("1")
    record RegisteredModelRenamedEvent(String modelId, String tenantId, String name) implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.RegisteredModelDescribed")
    @Revision("1")
    record RegisteredModelDescribedEvent(String modelId, String tenantId, String description)
            implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.RegisteredModelTagged")
    @Revision("1")
    record RegisteredModelTaggedEvent(String modelId, String tenantId, Map<String, String> tags)
            implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.RegisteredModelUntagged")
    @Revision("1")
    record RegisteredModelUntaggedEvent(String modelId, String tenantId, String key) implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.RegisteredModelDeleted")
    @Revision("1")
    record RegisteredModelDeletedEvent(String modelId, String tenantId) implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.ProtectedAliasesChanged")
    @Revision("1")
    record ProtectedAliasesChangedEvent(String modelId, String tenantId, List<String> aliases)
            implements RegisteredModelEvent {
    }

    /** A version registered from a run's artifact, pinned by the artifact's SHA-256 at registration time. */
    @WireName("cairn.registry.ModelVersionCreated")
    @Revision("1")
    record ModelVersionCreatedEvent(String modelId, String tenantId, int version, String runId, String projectId,
                                    String artifactPath, String artifactSha256, long artifactSize, ModelFlavor flavor,
                                    ModelSignature signature, String description, Map<String, String> tags)
            implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.ModelVersionTagged")
    @Revision("1")
    record ModelVersionTaggedEvent(String modelId, String tenantId, int version, Map<String, String> tags)
            implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.ModelVersionUntagged")
    @Revision("1")
    record ModelVersionUntaggedEvent(String modelId, String tenantId, int version, String key)
            implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.ModelVersionDescribed")
    @Revision("1")
    record ModelVersionDescribedEvent(String modelId, String tenantId, int version, String description)
            implements RegisteredModelEvent {
    }

    /**
     * A version deleted; {@code withdrawnRequests} are the approval requests for it that were still pending.
     * Aliases that pointed at it were removed by {@link ModelAliasRemovedEvent}s just before.
     */
    @WireName("cairn.registry.ModelVersionDeleted")
    @Revision("1")
    record ModelVersionDeletedEvent(String modelId, String tenantId, int version, ModelStage stage,
                                    List<String> withdrawnRequests) implements RegisteredModelEvent {
    }

    /** {@code approvalRequestId} names the approved request that caused the move, if any. */
    @WireName("cairn.registry.ModelVersionStageChanged")
    @Revision("1")
    record ModelVersionStageChangedEvent(String modelId, String tenantId, int version, ModelStage fromStage,
                                         ModelStage toStage, String approvalRequestId)
            implements RegisteredModelEvent {
    }

    /** {@code previousVersion} is null when the alias is new. */
    @WireName("cairn.registry.ModelAliasSet")
    @Revision("1")
    record ModelAliasSetEvent(String modelId, String tenantId, String alias, int version, Integer previousVersion,
                              String approvalRequestId) implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.ModelAliasRemoved")
    @Revision("1")
    record ModelAliasRemovedEvent(String modelId, String tenantId, String alias, int version)
            implements RegisteredModelEvent {
    }

    /** A change that waits for an approver: {@code stage} for {@link ApprovalKind#STAGE}, {@code alias} for ALIAS. */
    @WireName("cairn.registry.ModelChangeApprovalRequested")
    @Revision("1")
    record ModelChangeApprovalRequestedEvent(String modelId, String tenantId, String requestId, int version,
                                             ApprovalKind kind, ModelStage stage, boolean archiveExistingVersions,
                                             String alias, String requestedBy, String comment)
            implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.ModelChangeApproved")
    @Revision("1")
    record ModelChangeApprovedEvent(String modelId, String tenantId, String requestId, String approvedBy,
                                    String comment) implements RegisteredModelEvent {
    }

    @WireName("cairn.registry.ModelChangeRejected")
    @Revision("1")
    record ModelChangeRejectedEvent(String modelId, String tenantId, String requestId, String rejectedBy,
                                    String comment) implements RegisteredModelEvent {
    }
}
