package io.cairn.project.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.naming.UniqueNames;
import io.cairn.common.validation.Inputs;
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
import io.cairn.project.api.ProjectEvent.ProjectAccessChangedEvent;
import io.cairn.project.api.ProjectEvent.ProjectAccessGrantedEvent;
import io.cairn.project.api.ProjectEvent.ProjectAccessRevokedEvent;
import io.cairn.project.api.ProjectEvent.ProjectArchivedEvent;
import io.cairn.project.api.ProjectEvent.ProjectCreatedEvent;
import io.cairn.project.api.ProjectEvent.ProjectDescribedEvent;
import io.cairn.project.api.ProjectEvent.ProjectRenamedEvent;
import io.cairn.project.api.ProjectEvent.ProjectRestoredEvent;
import io.cairn.project.api.ProjectEvent.ProjectTaggedEvent;
import io.cairn.project.api.ProjectEvent.ProjectUntaggedEvent;
import io.cairn.project.api.ProjectRole;
import io.cairn.tenancy.api.OrganizationGuard;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A project groups runs. Its name is unique within the tenant; archived projects accept no new runs. It is
 * shared through grants to members or groups of its organization, at most one per grantee.
 */
@Aggregate(cache = "projectCache")
public class Project {

    static final String NAME_SCOPE = "project";

    @AggregateIdentifier
    private String projectId;
    private String tenantId;
    private String name;
    private boolean archived;
    private Map<Grantee, ProjectRole> grants = new HashMap<>();

    private record Grantee(GranteeType type, String id) {
    }

    protected Project() {
    }

    @CommandHandler
    public Project(CreateProjectCommand command, UniqueNames names) {
        String name = Inputs.requireName("name", command.name());
        Inputs.requireMaxLength("description", command.description(), Inputs.MAX_DESCRIPTION_LENGTH);
        Inputs.requireTags("tags", command.tags());
        names.claim(command.tenantId(), NAME_SCOPE, name, command.projectId(), "name");
        apply(new ProjectCreatedEvent(command.projectId(), command.tenantId(), name, command.description(),
                command.tags() == null ? Map.of() : Map.copyOf(command.tags())));
    }

    @CommandHandler
    void handle(RenameProjectCommand command, UniqueNames names) {
        requireTenant(command.tenantId());
        requireActive();
        String newName = Inputs.requireName("name", command.name());
        if (newName.equals(name)) {
            return;
        }
        names.claim(tenantId, NAME_SCOPE, newName, projectId, "name");
        names.release(tenantId, NAME_SCOPE, name, projectId);
        apply(new ProjectRenamedEvent(projectId, tenantId, newName));
    }

    @CommandHandler
    void handle(DescribeProjectCommand command) {
        requireTenant(command.tenantId());
        Inputs.requireMaxLength("description", command.description(), Inputs.MAX_DESCRIPTION_LENGTH);
        apply(new ProjectDescribedEvent(projectId, tenantId, command.description()));
    }

    @CommandHandler
    void handle(TagProjectCommand command) {
        requireTenant(command.tenantId());
        Inputs.requireTags("tags", command.tags());
        if (command.tags() != null && !command.tags().isEmpty()) {
            apply(new ProjectTaggedEvent(projectId, tenantId, new HashMap<>(command.tags())));
        }
    }

    @CommandHandler
    void handle(UntagProjectCommand command) {
        requireTenant(command.tenantId());
        if (command.keys() != null && !command.keys().isEmpty()) {
            apply(new ProjectUntaggedEvent(projectId, tenantId, new HashSet<>(command.keys())));
        }
    }

    @CommandHandler
    void handle(ArchiveProjectCommand command) {
        requireTenant(command.tenantId());
        if (!archived) {
            apply(new ProjectArchivedEvent(projectId, tenantId));
        }
    }

    @CommandHandler
    void handle(RestoreProjectCommand command) {
        requireTenant(command.tenantId());
        if (archived) {
            apply(new ProjectRestoredEvent(projectId, tenantId));
        }
    }

    @CommandHandler
    void handle(GrantProjectAccessCommand command, OrganizationGuard organizations) {
        requireTenant(command.tenantId());
        Grantee grantee = requireGrantee(command.granteeType(), command.granteeId());
        if (command.role() == null) {
            throw new InvalidInputException("role", "role must be one of VIEWER, EDITOR, MANAGER");
        }
        ProjectRole current = grants.get(grantee);
        if (current == command.role()) {
            return;
        }
        if (grantee.type() == GranteeType.USER) {
            organizations.requireMember(tenantId, grantee.id());
        } else {
            organizations.requireGroup(tenantId, grantee.id());
        }
        apply(current == null
                ? new ProjectAccessGrantedEvent(projectId, tenantId, grantee.type(), grantee.id(), command.role())
                : new ProjectAccessChangedEvent(projectId, tenantId, grantee.type(), grantee.id(), command.role()));
    }

    @CommandHandler
    void handle(RevokeProjectAccessCommand command) {
        requireTenant(command.tenantId());
        Grantee grantee = requireGrantee(command.granteeType(), command.granteeId());
        if (!grants.containsKey(grantee)) {
            throw new NotFoundException("Grant", grantee.id());
        }
        apply(new ProjectAccessRevokedEvent(projectId, tenantId, grantee.type(), grantee.id()));
    }

    private static Grantee requireGrantee(GranteeType type, String id) {
        if (type == null) {
            throw new InvalidInputException("granteeType", "granteeType must be USER or GROUP");
        }
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("granteeId", "granteeId is required");
        }
        return new Grantee(type, id);
    }

    /** Used by other aggregates' command handlers (a run may only start in an active project of its tenant). */
    public void requireAcceptsRuns(String tenantId, String field) {
        if (!this.tenantId.equals(tenantId)) {
            throw new NotFoundException("Project", projectId);
        }
        if (archived) {
            throw new ConflictException(field, "Project '" + projectId + "' is archived; restore it to add runs");
        }
    }

    private void requireTenant(String commandTenant) {
        if (!tenantId.equals(commandTenant)) {
            throw new NotFoundException("Project", projectId);
        }
    }

    private void requireActive() {
        if (archived) {
            throw new ConflictException(null, "Project '" + projectId + "' is archived; restore it first");
        }
    }

    @EventSourcingHandler
    void on(ProjectCreatedEvent event) {
        projectId = event.projectId();
        tenantId = event.tenantId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(ProjectRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ProjectArchivedEvent event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(ProjectRestoredEvent event) {
        archived = false;
    }

    @EventSourcingHandler
    void on(ProjectAccessGrantedEvent event) {
        grants.put(new Grantee(event.granteeType(), event.granteeId()), event.role());
    }

    @EventSourcingHandler
    void on(ProjectAccessChangedEvent event) {
        grants.put(new Grantee(event.granteeType(), event.granteeId()), event.role());
    }

    @EventSourcingHandler
    void on(ProjectAccessRevokedEvent event) {
        grants.remove(new Grantee(event.granteeType(), event.granteeId()));
    }
}
