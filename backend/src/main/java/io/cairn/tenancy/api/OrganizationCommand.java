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

    record CreateGroupCommand(@TargetAggregateIdentifier String orgId, String groupId, String name)
            implements OrganizationCommand {
    }

    record RenameGroupCommand(@TargetAggregateIdentifier String orgId, String groupId, String name)
            implements OrganizationCommand {
    }

    /** Adds an organization member to a group; adding someone already in it changes nothing. */
    record AddGroupMemberCommand(@TargetAggregateIdentifier String orgId, String groupId, String principalId)
            implements OrganizationCommand {
    }

    record RemoveGroupMemberCommand(@TargetAggregateIdentifier String orgId, String groupId, String principalId)
            implements OrganizationCommand {
    }

    record DeleteGroupCommand(@TargetAggregateIdentifier String orgId, String groupId) implements OrganizationCommand {
    }
}
