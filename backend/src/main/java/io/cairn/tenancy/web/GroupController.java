package io.cairn.tenancy.web;

import io.cairn.common.messaging.Commands;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.api.OrganizationCommand.AddGroupMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.CreateGroupCommand;
import io.cairn.tenancy.api.OrganizationCommand.DeleteGroupCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveGroupMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.RenameGroupCommand;
import io.cairn.tenancy.query.AccessReadModel;
import io.cairn.tenancy.query.AccessReadModel.GroupView;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Groups of organization members, to share projects with many people at once. Every member may list them;
 * owners and admins manage them. {@code {org}} must be the caller's organization.
 */
@RestController
@RequestMapping("/api/v1/orgs/{org}/groups")
public class GroupController {

    private static final String RESOURCE = "Organization";
    private static final String PROJECTION = "access";

    private final Commands commands;
    private final AccessReadModel access;
    private final AccessPolicy policy;

    public GroupController(Commands commands, AccessReadModel access, AccessPolicy policy) {
        this.commands = commands;
        this.access = access;
        this.policy = policy;
    }

    public record GroupRequest(String name) {
    }

    public record GroupList(List<GroupView> groups) {
    }

    @GetMapping
    GroupList list(@PathVariable String org) {
        return new GroupList(access.groups(policy.callerIn(org, Action.READ).tenantId()));
    }

    @PostMapping
    ResponseEntity<GroupView> create(@PathVariable String org, @RequestBody GroupRequest request) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        String id = UUID.randomUUID().toString();
        commands.sendAndProject(new CreateGroupCommand(org, id, request.name()), RESOURCE, org, PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + org + "/groups/" + id)).body(access.group(org, id));
    }

    @GetMapping("/{groupId}")
    GroupView get(@PathVariable String org, @PathVariable String groupId) {
        return access.group(policy.callerIn(org, Action.READ).tenantId(), groupId);
    }

    @PatchMapping("/{groupId}")
    GroupView rename(@PathVariable String org, @PathVariable String groupId, @RequestBody GroupRequest request) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new RenameGroupCommand(org, groupId, request.name()), RESOURCE, org, PROJECTION);
        return access.group(org, groupId);
    }

    /** Grants to the group are dropped with it. */
    @DeleteMapping("/{groupId}")
    ResponseEntity<Void> delete(@PathVariable String org, @PathVariable String groupId) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new DeleteGroupCommand(org, groupId), RESOURCE, org, PROJECTION);
        return ResponseEntity.noContent().build();
    }

    /** Adds a member of the organization; adding one already in the group changes nothing. */
    @PutMapping("/{groupId}/members/{principalId}")
    GroupView addMember(@PathVariable String org, @PathVariable String groupId, @PathVariable String principalId) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new AddGroupMemberCommand(org, groupId, principalId), RESOURCE, org, PROJECTION);
        return access.group(org, groupId);
    }

    @DeleteMapping("/{groupId}/members/{principalId}")
    GroupView removeMember(@PathVariable String org, @PathVariable String groupId, @PathVariable String principalId) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new RemoveGroupMemberCommand(org, groupId, principalId), RESOURCE, org, PROJECTION);
        return access.group(org, groupId);
    }
}
