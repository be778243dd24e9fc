package io.cairn.project.api;

import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a {@code Project}; each names the tenant it acts in. */
public sealed interface ProjectCommand {

    String projectId();

    String tenantId();

    record CreateProjectCommand(@TargetAggregateIdentifier String projectId, String tenantId, String name,
                                String description, Map<String, String> tags) implements ProjectCommand {
    }

    record RenameProjectCommand(@TargetAggregateIdentifier String projectId, String tenantId, String name)
            implements ProjectCommand {
    }

    record DescribeProjectCommand(@TargetAggregateIdentifier String projectId, String tenantId, String description)
            implements ProjectCommand {
    }

    record TagProjectCommand(@TargetAggregateIdentifier String projectId, String tenantId, Map<String, String> tags)
            implements ProjectCommand {
    }

    record UntagProjectCommand(@TargetAggregateIdentifier String projectId, String tenantId, Set<String> keys)
            implements ProjectCommand {
    }

    record ArchiveProjectCommand(@TargetAggregateIdentifier String projectId, String tenantId)
            implements ProjectCommand {
    }

    record RestoreProjectCommand(@TargetAggregateIdentifier String projectId, String tenantId)
            implements ProjectCommand {
    }

    /** Grants {@code role}, or changes the role of an existing grant; granting the same role changes nothing. */
    record GrantProjectAccessCommand(@TargetAggregateIdentifier String projectId, String tenantId,
                                     GranteeType granteeType, String granteeId, ProjectRole role)
            implements ProjectCommand {
    }

    record RevokeProjectAccessCommand(@TargetAggregateIdentifier String projectId, String tenantId,
                                      GranteeType granteeType, String granteeId) implements ProjectCommand {
    }
}
