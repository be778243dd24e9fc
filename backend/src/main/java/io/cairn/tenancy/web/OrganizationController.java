package io.cairn.tenancy.web;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.validation.Inputs;
import io.cairn.identity.AccessTokenService;
import io.cairn.identity.login.LocalUsers;
import io.cairn.identity.login.PasswordPolicy;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.command.Organization;
import io.cairn.tenancy.api.OrganizationCommand.AddMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.ChangeMemberRoleCommand;
import io.cairn.tenancy.api.OrganizationCommand.CreateOrganizationCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveMemberCommand;
import io.cairn.tenancy.api.OrganizationCommand.RenameOrganizationCommand;
import io.cairn.tenancy.query.OrganizationReadModel;
import io.cairn.tenancy.query.OrganizationReadModel.MemberView;
import io.cairn.tenancy.query.OrganizationReadModel.OrganizationView;
import java.net.URI;
import java.util.List;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Organizations (tenants) and their members. A platform admin creates an organization with its first
 * owner; from then on its owners and admins manage it. {@code {org}} must be the caller's organization.
 */
@RestController
@RequestMapping("/api/v1/orgs")
public class OrganizationController {

    private static final String RESOURCE = "Organization";
    private static final String PROJECTION = "organizations";

    private final Commands commands;
    private final OrganizationReadModel organizations;
    private final AccessTokenService principals;
    private final AccessPolicy policy;
    private final LocalUsers users;

    public OrganizationController(Commands commands, OrganizationReadModel organizations,
                                  AccessTokenService principals, AccessPolicy policy, LocalUsers users) {
        this.commands = commands;
        this.organizations = organizations;
        this.principals = principals;
        this.policy = policy;
        this.users = users;
    }

    /** {@code ownerPassword} (optional) gives a new owner a password to sign in with. */
    public record CreateOrganizationRequest(String id, String name, String ownerUsername, String ownerPassword) {
    }

    public record RenameRequest(String name) {
    }

    public record AddMemberRequest(String username, String role) {
    }

    public record RoleRequest(String role) {
    }

    public record MemberList(List<MemberView> members) {
    }

    @PostMapping
    ResponseEntity<OrganizationView> create(@RequestBody CreateOrganizationRequest request) {
        policy.caller(Action.ADMINISTER_PLATFORM);
        if (request.id() == null || !Organization.ID.matcher(request.id()).matches()) {
            throw new InvalidInputException("id", "An organization id is 2 to 63 lower-case letters, digits and '-', "
                    + "starting with a letter or digit");
        }
        String owner = Inputs.requireName("ownerUsername", request.ownerUsername());
        if (request.id() != null && organizations.exists(request.id())) {
            throw new ConflictException("id", "An organization with id '" + request.id() + "' already exists");
        }
        if (request.ownerPassword() != null) {
            PasswordPolicy.check("ownerPassword", owner, request.ownerPassword());
        }
        String ownerId = principals.principalFor(owner, request.id());
        if (request.ownerPassword() != null && users.hasPassword(ownerId)) {
            throw new ConflictException("ownerPassword", "User '" + owner + "' has a password already");
        }
        try {
            commands.sendAndProject(new CreateOrganizationCommand(request.id(), request.name(), ownerId), RESOURCE,
                    request.id(), PROJECTION);
        } catch (ConcurrencyException e) {
            throw new ConflictException("id", "An organization with id '" + request.id() + "' already exists");
        }
        if (request.ownerPassword() != null) {
            users.setInitialPassword(ownerId, request.ownerPassword(), "ownerPassword");
        }
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + request.id())).body(organizations.get(request.id()));
    }

    @GetMapping("/{org}")
    OrganizationView get(@PathVariable String org) {
        return organizations.get(caller(org, Action.READ).tenantId());
    }

    @PatchMapping("/{org}")
    OrganizationView rename(@PathVariable String org, @RequestBody RenameRequest request) {
        caller(org, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new RenameOrganizationCommand(org, request.name()), RESOURCE, org, PROJECTION);
        return organizations.get(org);
    }

    @GetMapping("/{org}/members")
    MemberList members(@PathVariable String org) {
        return new MemberList(organizations.members(caller(org, Action.READ).tenantId()));
    }

    /** Adds a user by name; a name not seen before gets a new profile (an invitation). */
    @PostMapping("/{org}/members")
    ResponseEntity<MemberList> addMember(@PathVariable String org, @RequestBody AddMemberRequest request) {
        caller(org, Action.ADMINISTER_ORGANIZATION);
        String username = Inputs.requireName("username", request.username());
        OrgRole role = role(request.role());
        String principalId = principals.principalFor(username, org);
        commands.sendAndProject(new AddMemberCommand(org, principalId, role), RESOURCE, org, PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + org + "/members/" + principalId))
                .body(new MemberList(organizations.members(org)));
    }

    @PatchMapping("/{org}/members/{principalId}")
    MemberList changeRole(@PathVariable String org, @PathVariable String principalId, @RequestBody RoleRequest request) {
        caller(org, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new ChangeMemberRoleCommand(org, principalId, role(request.role())), RESOURCE, org,
                PROJECTION);
        return new MemberList(organizations.members(org));
    }

    /** The member also leaves every group; direct project grants stay until revoked. */
    @DeleteMapping("/{org}/members/{principalId}")
    ResponseEntity<Void> removeMember(@PathVariable String org, @PathVariable String principalId) {
        caller(org, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new RemoveMemberCommand(org, principalId), RESOURCE, org, PROJECTION, "access");
        return ResponseEntity.noContent().build();
    }

    private CairnPrincipal caller(String org, Action action) {
        return policy.callerIn(org, action);
    }

    private static OrgRole role(String value) {
        return Inputs.requireOneOf("role", value, OrgRole.class);
    }
}
