package io.cairn.tenancy.api;

import java.util.List;
import java.util.Set;
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

    /**
     * Sets (or replaces) the organization's external OpenID provider and its claim mapping. The client secret is
     * never part of a command or an event; {@code clientSecretChanged} only says that a new one was stored.
     */
    record ConfigureSsoCommand(@TargetAggregateIdentifier String orgId, String issuerUri, String clientId,
                               OrgRole defaultRole, List<SsoClaimMapping> mappings, boolean clientSecretChanged)
            implements OrganizationCommand {
    }

    record RemoveSsoCommand(@TargetAggregateIdentifier String orgId) implements OrganizationCommand {
    }

    /**
     * A user signed in through the organization's SSO: makes them a member with {@code role} (an OWNER stays
     * OWNER) and puts them in exactly those of the mapping's groups ({@code mappedGroupIds}) listed in
     * {@code groupIds}. Groups the mapping does not mention are left alone.
     */
    record ApplySsoSignInCommand(@TargetAggregateIdentifier String orgId, String principalId, OrgRole role,
                                 Set<String> groupIds, Set<String> mappedGroupIds) implements OrganizationCommand {
    }

    /**
     * Erases a user from this organization's point of view: removes them if they are a member (an organization
     * keeps at least one owner) and records the erasure. Erasing twice changes nothing.
     */
    record EraseUserCommand(@TargetAggregateIdentifier String orgId, String principalId)
            implements OrganizationCommand {
    }

    /** Puts a password change of a user whose home organization this is on the organization's record. */
    record RecordPasswordChangeCommand(@TargetAggregateIdentifier String orgId, String principalId, boolean reset)
            implements OrganizationCommand {
    }
}
