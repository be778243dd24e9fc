package io.cairn.registry.api;

import io.cairn.tenancy.CairnPrincipal;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands on a {@code RegisteredModel}; each names the tenant it acts in. Commands whose outcome depends on
 * who asks (approvals, changes that need one) carry the acting principal.
 */
public sealed interface RegisteredModelCommand {

    String modelId();

    String tenantId();

    record CreateRegisteredModelCommand(@TargetAggregateIdentifier String modelId, String tenantId, String name,
                                        String description, Map<String, String> tags)
            implements RegisteredModelCommand {
    }

    record RenameRegisteredModelCommand(@TargetAggregateIdentifier String modelId, String tenantId, String name)
            implements RegisteredModelCommand {
    }

    record DescribeRegisteredModelCommand(@TargetAggregateIdentifier String modelId, String tenantId,
                                          String description) implements RegisteredModelCommand {
    }

    record TagRegisteredModelCommand(@TargetAggregateIdentifier String modelId, String tenantId,
                                     Map<String, String> tags) implements RegisteredModelCommand {
    }

    record UntagRegisteredModelCommand(@TargetAggregateIdentifier String modelId, String tenantId, String key)
            implements RegisteredModelCommand {
    }

    /** Soft delete: the model and its history stay readable; it accepts no further change. */
    record DeleteRegisteredModelCommand(@TargetAggregateIdentifier String modelId, String tenantId)
            implements RegisteredModelCommand {
    }

    /** Replaces the set of aliases whose moves need approval. */
    record SetProtectedAliasesCommand(@TargetAggregateIdentifier String modelId, String tenantId,
                                      List<String> aliases, CairnPrincipal actor) implements RegisteredModelCommand {
    }

    /** Registers a run's artifact as the next version; answers the version number. */
    record CreateModelVersionCommand(@TargetAggregateIdentifier String modelId, String tenantId, String runId,
                                     String artifactPath, String flavor, ModelSignature signature,
                                     String description, Map<String, String> tags) implements RegisteredModelCommand {
    }

    /** Sets (or overwrites) tags of one version. */
    record TagModelVersionCommand(@TargetAggregateIdentifier String modelId, String tenantId, int version,
                                  Map<String, String> tags) implements RegisteredModelCommand {
    }

    record UntagModelVersionCommand(@TargetAggregateIdentifier String modelId, String tenantId, int version,
                                    String key) implements RegisteredModelCommand {
    }

    record DescribeModelVersionCommand(@TargetAggregateIdentifier String modelId, String tenantId, int version,
                                       String description) implements RegisteredModelCommand {
    }

    /**
     * Deletes a version: it leaves the registry's views, its aliases are removed and its pending approval
     * requests withdrawn; its number is never reused. A version in Production or behind a protected alias can
     * only be deleted by someone who may approve changes to it.
     */
    record DeleteModelVersionCommand(@TargetAggregateIdentifier String modelId, String tenantId, int version,
                                     CairnPrincipal actor) implements RegisteredModelCommand {
    }

    /**
     * Moves a version to a stage; answers a {@link ModelChangeOutcome}. A move to Production is recorded as an
     * approval request with id {@code requestId} instead.
     */
    record TransitionModelVersionStageCommand(@TargetAggregateIdentifier String modelId, String tenantId,
                                              int version, String stage, boolean archiveExistingVersions,
                                              String comment, String requestId, CairnPrincipal actor)
            implements RegisteredModelCommand {
    }

    /** Points an alias at a version; answers a {@link ModelChangeOutcome} (protected aliases need approval). */
    record SetModelAliasCommand(@TargetAggregateIdentifier String modelId, String tenantId, String alias,
                                Integer version, String comment, String requestId, CairnPrincipal actor)
            implements RegisteredModelCommand {
    }

    record RemoveModelAliasCommand(@TargetAggregateIdentifier String modelId, String tenantId, String alias)
            implements RegisteredModelCommand {
    }

    record ApproveModelChangeCommand(@TargetAggregateIdentifier String modelId, String tenantId, String requestId,
                                     String comment, CairnPrincipal actor) implements RegisteredModelCommand {
    }

    record RejectModelChangeCommand(@TargetAggregateIdentifier String modelId, String tenantId, String requestId,
                                    String comment, CairnPrincipal actor) implements RegisteredModelCommand {
    }
}
