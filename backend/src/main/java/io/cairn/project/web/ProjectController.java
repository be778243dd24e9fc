package io.cairn.project.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.validation.Inputs;
import io.cairn.common.web.PageToken;
import io.cairn.project.api.GranteeType;
import io.cairn.project.api.ProjectCommand.ArchiveProjectCommand;
import io.cairn.project.api.ProjectCommand.CreateProjectCommand;
import io.cairn.project.api.ProjectCommand.DescribeProjectCommand;
import io.cairn.project.api.ProjectCommand.GrantProjectAccessCommand;
import io.cairn.project.api.ProjectCommand.RenameProjectCommand;
import io.cairn.project.api.ProjectCommand.RestoreProjectCommand;
import io.cairn.project.api.ProjectCommand.RevokeProjectAccessCommand;
import io.cairn.project.api.ProjectCommand.TagProjectCommand;
import io.cairn.project.api.ProjectCommand.UntagProjectCommand;
import io.cairn.project.api.ProjectRole;
import io.cairn.project.query.ProjectReadModel;
import io.cairn.project.query.ProjectView;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.query.AccessReadModel;
import io.cairn.tenancy.query.AccessReadModel.ProjectGrants;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Projects and their grants. Who may do what on a project is decided by {@link AccessPolicy}: reading needs
 * VIEWER, tagging EDITOR, changing the project itself and its grants MANAGER; a project the caller cannot see
 * answers 404.
 */
@RestController
@RequestMapping("/api/v1/projects")
public class ProjectController {

    private static final String RESOURCE = "Project";
    private static final String PROJECTION = "projects";
    private static final String ACCESS = "access";

    private final Commands commands;
    private final ProjectReadModel projects;
    private final AccessReadModel access;
    private final AccessPolicy policy;

    public ProjectController(Commands commands, ProjectReadModel projects, AccessReadModel access, AccessPolicy policy) {
        this.commands = commands;
        this.projects = projects;
        this.access = access;
        this.policy = policy;
    }

    public record CreateProjectRequest(String name, String description, Map<String, String> tags) {
    }

    public record UpdateProjectRequest(String name, String description) {
    }

    public record TagsRequest(Map<String, String> tags) {
    }

    public record ProjectPage(List<ProjectView> projects, String nextPageToken) {
    }

    public record GrantRequest(String role) {
    }

    @PostMapping
    ResponseEntity<ProjectView> create(@RequestBody CreateProjectRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        String id = UUID.randomUUID().toString();
        commands.sendAndProject(new CreateProjectCommand(id, caller.tenantId(), request.name(), request.description(),
                request.tags()), RESOURCE, id, PROJECTION, ACCESS);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + id)).body(projects.get(caller.tenantId(), id));
    }

    /** The projects the caller sees, newest first. */
    @GetMapping
    ProjectPage list(@RequestParam(required = false) Integer maxResults,
                     @RequestParam(required = false) String pageToken,
                     @RequestParam(defaultValue = "false") boolean includeArchived) {
        CairnPrincipal caller = policy.caller(Action.READ);
        int size = PageToken.maxResults(maxResults);
        long offset = PageToken.decode(pageToken);
        String visibleTo = policy.seesAllProjects(caller) ? null : caller.principalId();
        List<ProjectView> rows = projects.list(caller.tenantId(), visibleTo, includeArchived, offset, size + 1);
        return new ProjectPage(rows.subList(0, Math.min(size, rows.size())), PageToken.next(offset, size, rows.size()));
    }

    @GetMapping("/{id}")
    ProjectView get(@PathVariable String id) {
        return projects.get(policy.callerOnProject(id, ProjectRole.VIEWER).tenantId(), id);
    }

    @PatchMapping("/{id}")
    ProjectView update(@PathVariable String id, @RequestBody UpdateProjectRequest request) {
        CairnPrincipal caller = policy.callerOnProject(id, ProjectRole.MANAGER);
        if (request.name() != null) {
            commands.sendAndProject(new RenameProjectCommand(id, caller.tenantId(), request.name()), RESOURCE, id, PROJECTION);
        }
        if (request.description() != null) {
            commands.sendAndProject(new DescribeProjectCommand(id, caller.tenantId(), request.description()), RESOURCE, id,
                    PROJECTION);
        }
        return projects.get(caller.tenantId(), id);
    }

    @PostMapping("/{id}/tags")
    ProjectView tag(@PathVariable String id, @RequestBody TagsRequest request) {
        CairnPrincipal caller = policy.callerOnProject(id, ProjectRole.EDITOR);
        commands.sendAndProject(new TagProjectCommand(id, caller.tenantId(), request.tags()), RESOURCE, id, PROJECTION);
        return projects.get(caller.tenantId(), id);
    }

    @DeleteMapping("/{id}/tags/{key}")
    ProjectView untag(@PathVariable String id, @PathVariable String key) {
        CairnPrincipal caller = policy.callerOnProject(id, ProjectRole.EDITOR);
        commands.sendAndProject(new UntagProjectCommand(id, caller.tenantId(), Set.of(key)), RESOURCE, id, PROJECTION);
        return projects.get(caller.tenantId(), id);
    }

    @PostMapping("/{id}/archive")
    ProjectView archive(@PathVariable String id) {
        CairnPrincipal caller = policy.callerOnProject(id, ProjectRole.MANAGER);
        commands.sendAndProject(new ArchiveProjectCommand(id, caller.tenantId()), RESOURCE, id, PROJECTION);
        return projects.get(caller.tenantId(), id);
    }

    @PostMapping("/{id}/restore")
    ProjectView restore(@PathVariable String id) {
        CairnPrincipal caller = policy.callerOnProject(id, ProjectRole.MANAGER);
        commands.sendAndProject(new RestoreProjectCommand(id, caller.tenantId()), RESOURCE, id, PROJECTION);
        return projects.get(caller.tenantId(), id);
    }

    /** The project's owner and every grant on it; readable by everyone who sees the project. */
    @GetMapping("/{id}/grants")
    ProjectGrants grants(@PathVariable String id) {
        return access.grants(policy.callerOnProject(id, ProjectRole.VIEWER).tenantId(), id);
    }

    /** Grants a role to a member ({@code users/{principalId}}) or a group ({@code groups/{groupId}}), or changes it. */
    @PutMapping("/{id}/grants/{kind}/{granteeId}")
    ProjectGrants grant(@PathVariable String id, @PathVariable String kind, @PathVariable String granteeId,
                        @RequestBody GrantRequest request) {
        CairnPrincipal caller = policy.callerOnProject(id, ProjectRole.MANAGER);
        ProjectRole role = Inputs.requireOneOf("role", request.role(), ProjectRole.class);
        commands.sendAndProject(new GrantProjectAccessCommand(id, caller.tenantId(), granteeType(kind), granteeId, role),
                RESOURCE, id, ACCESS);
        return access.grants(caller.tenantId(), id);
    }

    @DeleteMapping("/{id}/grants/{kind}/{granteeId}")
    ResponseEntity<Void> revoke(@PathVariable String id, @PathVariable String kind, @PathVariable String granteeId) {
        CairnPrincipal caller = policy.callerOnProject(id, ProjectRole.MANAGER);
        commands.sendAndProject(new RevokeProjectAccessCommand(id, caller.tenantId(), granteeType(kind), granteeId),
                RESOURCE, id, ACCESS);
        return ResponseEntity.noContent().build();
    }

    private static GranteeType granteeType(String kind) {
        return switch (kind) {
            case "users" -> GranteeType.USER;
            case "groups" -> GranteeType.GROUP;
            default -> throw new InvalidInputException("kind", "Grants are to 'users/{principalId}' or "
                    + "'groups/{groupId}'; got '" + kind + "'");
        };
    }
}
