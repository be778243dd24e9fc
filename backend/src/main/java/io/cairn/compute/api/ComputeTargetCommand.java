package io.cairn.compute.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a {@code ComputeTarget}; each names the tenant it acts in. */
public sealed interface ComputeTargetCommand {

    String targetId();

    String tenantId();

    record CreateComputeTargetCommand(@TargetAggregateIdentifier String targetId, String tenantId, String name,
                                      String kind, TargetSettings settings) implements ComputeTargetCommand {
    }

    /** Renames the target (when {@code name} is given) and replaces its settings (when given). */
    record UpdateComputeTargetCommand(@TargetAggregateIdentifier String targetId, String tenantId, String name,
                                      TargetSettings settings) implements ComputeTargetCommand {
    }

    /** Soft delete: the target takes no new runs and agents no longer lease from it; its name is released. */
    record DeleteComputeTargetCommand(@TargetAggregateIdentifier String targetId, String tenantId)
            implements ComputeTargetCommand {
    }
}
