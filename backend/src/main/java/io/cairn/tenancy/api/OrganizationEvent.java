package io.cairn.tenancy.api;

import io.cairn.common.messaging.WireName;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Everything that happens to an organization. Members are referenced by principal id only: names and
 * emails live in the profile store, never in events. Wire names are stored in the event log.
 */
public sealed interface OrganizationEvent {

    String orgId();

    /** The organization is its own tenant. */
    default String tenantId() {
        return orgId();
    }

    @WireName("cairn.tenancy.OrganizationCreated")
    @Revision("1")
    record OrganizationCreatedEvent(String orgId, String tenantId, String name) implements OrganizationEvent {
    }

    @WireName("cairn.tenancy.OrganizationRenamed")
    @Revision("1")
    record OrganizationRenamedEvent(String orgId, String tenantId, String name) implements OrganizationEvent {
    }

    @WireName("cairn.tenancy.MemberAdded")
    @Revision("1")
    record MemberAddedEvent(String orgId, String tenantId, String principalId, OrgRole role)
            implements OrganizationEvent {
    }

    @WireName("cairn.tenancy.MemberRoleChanged")
    @Revision("1")
    record MemberRoleChangedEvent(String orgId, String tenantId, String principalId, OrgRole role)
            implements OrganizationEvent {
    }

    /** Also takes the member out of every group of the organization. */
    @WireName("cairn.tenancy.MemberRemoved")
    @Revision("1")
    record MemberRemovedEvent(String orgId, String tenantId, String principalId) implements OrganizationEvent {
    }

    @WireName("cairn.tenancy.GroupCreated")
    @Revision("1")
    record GroupCreatedEvent(String orgId, String tenantId, String groupId, String name) implements OrganizationEvent {
    }

    @WireName("cairn.tenancy.GroupRenamed")
    @Revision("1")
    record GroupRenamedEvent(String orgId, String tenantId, String groupId, String name) implements OrganizationEvent {
    }

    @WireName("cairn.tenancy.GroupMemberAdded")
    @Revision("1")
    record GroupMemberAddedEvent(String orgId, String tenantId, String groupId, String principalId)
            implements OrganizationEvent {
    }

    @WireName("cairn.tenancy.GroupMemberRemoved")
    @Revision("1")
    record GroupMemberRemovedEvent(String orgId, String tenantId, String groupId, String principalId)
            implements OrganizationEvent {
    }

    /** The group's members leave it; grants to it no longer give anyone access. */
    @WireName("cairn.tenancy.GroupDeleted")
    @Revision("1")
    record GroupDeletedEvent(String orgId, String tenantId, String groupId) implements OrganizationEvent {
    }

    /** The organization's external OpenID provider was set or changed; never holds the client secret. */
    @WireName("cairn.tenancy.SsoConfigured")
    @Revision("1")
    record SsoConfiguredEvent(String orgId, String tenantId, String issuerUri, String clientId, OrgRole defaultRole,
                              List<SsoClaimMapping> mappings, boolean clientSecretChanged)
            implements OrganizationEvent {
    }

    @WireName("cairn.tenancy.SsoRemoved")
    @Revision("1")
    record SsoRemovedEvent(String orgId, String tenantId) implements OrganizationEvent {
    }

    /**
     * A user was erased (right to be forgotten): their profile and credentials are gone and the history keeps only
     * their pseudonymous principal id. Recorded in every organization they belonged to and in their home
     * organization, after the {@link MemberRemovedEvent} that took them out.
     */
    @WireName("cairn.tenancy.UserErased")
    @Revision("1")
    record UserErasedEvent(String orgId, String tenantId, String principalId) implements OrganizationEvent {
    }

    /**
     * A local user's password was changed by the user ({@code reset} false) or set by an owner or admin of their
     * home organization ({@code reset} true); the actor is in the metadata. Never holds the password or its hash.
     */
    @WireName("cairn.tenancy.PasswordChanged")
    @Revision("1")
    record PasswordChangedEvent(String orgId, String tenantId, String principalId, boolean reset)
            implements OrganizationEvent {
    }
}
