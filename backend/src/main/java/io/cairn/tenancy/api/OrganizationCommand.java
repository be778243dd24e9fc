package io.cairn.tenancy.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on an {@code Organization}; the organization's id is also its tenant id. */
public sealed interface OrganizationCommand {

    String orgId();

    record CreateOrganizationCommand(@TargetAggregateIdentifier String orgId, String name, String ownerId)
            implements OrganizationCommand {
    }

    record RenameOrganizationCommand(@TargetAggregateIdentifier String orgId, String name)
            implements OrganizationCommand {
    }

    record AddMemberCommand(@TargetAggregateIdentifier String orgId, String principalId, OrgRole role)
            implements OrganizationCommand {
    }

    record ChangeMemberRoleCommand(@TargetAggregateIdentifier String orgId, String principalId, OrgRole role)
            implements OrganizationCommand {
    }

    record RemoveMemberCommand(@TargetAggregateIdentifier String orgId, String principalId)
            implements OrganizationCommand {
    }
}
