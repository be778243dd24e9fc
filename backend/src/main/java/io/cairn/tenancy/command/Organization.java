package io.cairn.tenancy.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.validation.Inputs;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.OrganizationCommand.AddGroupMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.ApplySsoSignInCommand;
import io.cairn.tenancy.api.OrganizationCommand.ConfigureSsoCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveSsoCommand;
import io.cairn.tenancy.api.OrganizationCommand.AddMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.ChangeMemberRoleCommand;
import io.cairn.tenancy.api.OrganizationCommand.CreateGroupCommand;
import io.cairn.tenancy.api.OrganizationCommand.CreateOrganizationCommand;
import io.cairn.tenancy.api.OrganizationCommand.DeleteGroupCommand;
import io.cairn.tenancy.api.OrganizationCommand.EraseUserCommand;
import io.cairn.tenancy.api.OrganizationCommand.RecordPasswordChangeCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveGroupMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.RenameGroupCommand;
import io.cairn.tenancy.api.OrganizationCommand.RenameOrganizationCommand;
import io.cairn.tenancy.api.OrganizationEvent.GroupCreatedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupDeletedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupMemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupMemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupRenamedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRoleChangedEvent;
import io.cairn.tenancy.api.OrganizationEvent.OrganizationCreatedEvent;
import io.cairn.tenancy.api.OrganizationEvent.OrganizationRenamedEvent;
import io.cairn.tenancy.api.OrganizationEvent.PasswordChangedEvent;
import io.cairn.tenancy.api.OrganizationEvent.SsoConfiguredEvent;
import io.cairn.tenancy.api.OrganizationEvent.SsoRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.UserErasedEvent;
import io.cairn.tenancy.api.SsoClaimMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organization (tenant), its members' roles and its groups of members. It always keeps at least one
 * owner; group names are unique within it, and only its members belong to its groups.
 */
@Aggregate
public class Organization {

    /** Organization ids appear in paths, file names and topic keys: lower-case slugs. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    @AggregateIdentifier
    private String orgId;
    private Map<String, OrgRole> members = new HashMap<>();
    private Map<String, String> groupNames = new HashMap<>();
    private Map<String, Set<String>> groupMembers = new HashMap<>();
    private boolean ssoConfigured;
    private Set<String> erased = new HashSet<>();

    protected Organization() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    void handle(CreateOrganizationCommand command) {
        if (command.orgId() == null || !ID.matcher(command.orgId()).matches()) {
            throw new InvalidInputException("id", "An organization id is 2 to 63 lower-case letters, digits and '-', "
                    + "starting with a letter or digit");
        }
        String name = Inputs.requireName("name", command.name());
        apply(new OrganizationCreatedEvent(command.orgId(), command.orgId(), name));
        apply(new MemberAddedEvent(command.orgId(), command.orgId(), command.ownerId(), OrgRole.OWNER));
    }

    @CommandHandler
    void handle(RenameOrganizationCommand command) {
        apply(new OrganizationRenamedEvent(orgId, orgId, Inputs.requireName("name", command.name())));
    }

    @CommandHandler
    void handle(AddMemberCommand command) {
        OrgRole role = requireRole(command.role());
        if (members.containsKey(command.principalId())) {
            throw new ConflictException("username", "This user is already a member; change their role instead");
        }
        apply(new MemberAddedEvent(orgId, orgId, command.principalId(), role));
    }

    @CommandHandler
    void handle(ChangeMemberRoleCommand command) {
        OrgRole role = requireRole(command.role());
        OrgRole current = requireMember(command.principalId());
        if (current == role) {
            return;
        }
        if (current == OrgRole.OWNER) {
            requireAnotherOwner(command.principalId(), "role");
        }
        apply(new MemberRoleChangedEvent(orgId, orgId, command.principalId(), role));
    }

    @CommandHandler
    void handle(RemoveMemberCommand command) {
        if (requireMember(command.principalId()) == OrgRole.OWNER) {
            requireAnotherOwner(command.principalId(), null);
        }
        apply(new MemberRemovedEvent(orgId, orgId, command.principalId()));
    }

    @CommandHandler
    void handle(EraseUserCommand command) {
        if (erased.contains(command.principalId())) {
            return;
        }
        OrgRole role = members.get(command.principalId());
        if (role == OrgRole.OWNER) {
            requireAnotherOwner(command.principalId(), null);
        }
        if (role != null) {
            apply(new MemberRemovedEvent(orgId, orgId, command.principalId()));
        }
        apply(new UserErasedEvent(orgId, orgId, command.principalId()));
    }

    @CommandHandler
    void handle(RecordPasswordChangeCommand command) {
        apply(new PasswordChangedEvent(orgId, orgId, command.principalId(), command.reset()));
    }

    @CommandHandler
    void handle(CreateGroupCommand command) {
        String name = Inputs.requireName("name", command.name());
        if (groupNames.containsKey(command.groupId())) {
            throw new ConflictException("id", "A group with id '" + command.groupId() + "' already exists");
        }
        requireFreeGroupName(name);
        apply(new GroupCreatedEvent(orgId, orgId, command.groupId(), name));
    }

    @CommandHandler
    void handle(RenameGroupCommand command) {
        requireGroup(command.groupId());
        String name = Inputs.requireName("name", command.name());
        if (name.equals(groupNames.get(command.groupId()))) {
            return;
        }
        requireFreeGroupName(name);
        apply(new GroupRenamedEvent(orgId, orgId, command.groupId(), name));
    }

    @CommandHandler
    void handle(AddGroupMemberCommand command) {
        Set<String> group = requireGroup(command.groupId());
        requireMember(command.principalId());
        if (!group.contains(command.principalId())) {
            apply(new GroupMemberAddedEvent(orgId, orgId, command.groupId(), command.principalId()));
        }
    }

    @CommandHandler
    void handle(RemoveGroupMemberCommand command) {
        if (!requireGroup(command.groupId()).contains(command.principalId())) {
            throw new NotFoundException("Group member", command.principalId());
        }
        apply(new GroupMemberRemovedEvent(orgId, orgId, command.groupId(), command.principalId()));
    }

    @CommandHandler
    void handle(DeleteGroupCommand command) {
        requireGroup(command.groupId());
        apply(new GroupDeletedEvent(orgId, orgId, command.groupId()));
    }

    @CommandHandler
    void handle(ConfigureSsoCommand command) {
        SsoIssuer.require("issuerUri", command.issuerUri());
        String clientId = Inputs.requireName("clientId", command.clientId());
        OrgRole defaultRole = command.defaultRole() == null ? OrgRole.MEMBER : command.defaultRole();
        requireMappableRole("defaultRole", defaultRole);
        List<SsoClaimMapping> mappings = new ArrayList<>();
        List<SsoClaimMapping> requested = command.mappings() == null ? List.of() : command.mappings();
        for (int i = 0; i < requested.size(); i++) {
            mappings.add(requireMapping("mappings[" + i + "]", requested.get(i)));
        }
        apply(new SsoConfiguredEvent(orgId, orgId, command.issuerUri(), clientId, defaultRole, List.copyOf(mappings),
                command.clientSecretChanged()));
    }

    @CommandHandler
    void handle(RemoveSsoCommand command) {
        if (!ssoConfigured) {
            throw new NotFoundException("SSO configuration", orgId);
        }
        apply(new SsoRemovedEvent(orgId, orgId));
    }

    @CommandHandler
    void handle(ApplySsoSignInCommand command) {
        requireMappableRole("role", command.role());
        OrgRole current = members.get(command.principalId());
        if (current == null) {
            apply(new MemberAddedEvent(orgId, orgId, command.principalId(), command.role()));
        } else if (current != command.role() && current != OrgRole.OWNER) {
            apply(new MemberRoleChangedEvent(orgId, orgId, command.principalId(), command.role()));
        }
        for (String groupId : command.mappedGroupIds()) {
            Set<String> group = groupMembers.get(groupId);
            if (group == null) {
                continue;
            }
            boolean wanted = command.groupIds().contains(groupId);
            if (wanted && !group.contains(command.principalId())) {
                apply(new GroupMemberAddedEvent(orgId, orgId, groupId, command.principalId()));
            } else if (!wanted && group.contains(command.principalId())) {
                apply(new GroupMemberRemovedEvent(orgId, orgId, groupId, command.principalId()));
            }
        }
    }

    private SsoClaimMapping requireMapping(String field, SsoClaimMapping mapping) {
        if (mapping == null) {
            throw new InvalidInputException(field, "A mapping must not be null");
        }
        String claim = Inputs.requireName(field + ".claim", mapping.claim());
        String value = Inputs.requireName(field + ".value", mapping.value());
        if ((mapping.role() == null) == (mapping.groupId() == null)) {
            throw new InvalidInputException(field, "A mapping gives either a role or a groupId, not both or neither");
        }
        if (mapping.role() != null) {
            requireMappableRole(field + ".role", mapping.role());
        } else if (!groupMembers.containsKey(mapping.groupId())) {
            throw new InvalidInputException(field + ".groupId", "There is no group '" + mapping.groupId()
                    + "' in this organization");
        }
        return new SsoClaimMapping(claim, value, mapping.role(), mapping.groupId());
    }

    /** Owners are made by hand: neither the mapping nor a sign-in makes anyone OWNER. */
    private static void requireMappableRole(String field, OrgRole role) {
        if (role == null || role == OrgRole.OWNER) {
            throw new InvalidInputException(field, "role must be one of ADMIN, MEMBER, AUDITOR");
        }
    }

    /** Used by other aggregates' command handlers (a project may only be shared with members and groups). */
    public OrgRole requireMember(String principalId) {
        OrgRole role = members.get(principalId);
        if (role == null) {
            throw new NotFoundException("Member", principalId);
        }
        return role;
    }

    /** Used by other aggregates' command handlers; see {@link #requireMember}. */
    public void requireGroupExists(String groupId) {
        requireGroup(groupId);
    }

    /** The group's members, once it exists. */
    private Set<String> requireGroup(String groupId) {
        Set<String> members = groupId == null ? null : groupMembers.get(groupId);
        if (members == null) {
            throw new NotFoundException("Group", groupId);
        }
        return members;
    }

    private void requireFreeGroupName(String name) {
        if (groupNames.containsValue(name)) {
            throw new ConflictException("name", "A group named '" + name + "' already exists");
        }
    }

    private void requireAnotherOwner(String principalId, String field) {
        boolean another = members.entrySet().stream()
                .anyMatch(e -> e.getValue() == OrgRole.OWNER && !e.getKey().equals(principalId));
        if (!another) {
            throw new ConflictException(field, "An organization keeps at least one owner; make someone else owner first");
        }
    }

    private static OrgRole requireRole(OrgRole role) {
        if (role == null) {
            throw new InvalidInputException("role", "role must be one of OWNER, ADMIN, MEMBER, AUDITOR");
        }
        return role;
    }

    @EventSourcingHandler
    void on(OrganizationCreatedEvent event) {
        orgId = event.orgId();
    }

    @EventSourcingHandler
    void on(MemberAddedEvent event) {
        members.put(event.principalId(), event.role());
    }

    @EventSourcingHandler
    void on(MemberRoleChangedEvent event) {
        members.put(event.principalId(), event.role());
    }

    @EventSourcingHandler
    void on(MemberRemovedEvent event) {
        members.remove(event.principalId());
        groupMembers.values().forEach(members -> members.remove(event.principalId()));
    }

    @EventSourcingHandler
    void on(UserErasedEvent event) {
        erased.add(event.principalId());
    }

    @EventSourcingHandler
    void on(GroupCreatedEvent event) {
        groupNames.put(event.groupId(), event.name());
        groupMembers.put(event.groupId(), new HashSet<>());
    }

    @EventSourcingHandler
    void on(GroupRenamedEvent event) {
        groupNames.put(event.groupId(), event.name());
    }

    @EventSourcingHandler
    void on(GroupMemberAddedEvent event) {
        groupMembers.get(event.groupId()).add(event.principalId());
    }

    @EventSourcingHandler
    void on(GroupMemberRemovedEvent event) {
        groupMembers.get(event.groupId()).remove(event.principalId());
    }

    @EventSourcingHandler
    void on(SsoConfiguredEvent event) {
        ssoConfigured = true;
    }

    @EventSourcingHandler
    void on(SsoRemovedEvent event) {
        ssoConfigured = false;
    }

    @EventSourcingHandler
    void on(GroupDeletedEvent event) {
        groupNames.remove(event.groupId());
        groupMembers.remove(event.groupId());
    }
}
