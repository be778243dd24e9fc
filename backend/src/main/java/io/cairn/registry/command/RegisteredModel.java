package io.cairn.registry.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.ForbiddenException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.naming.UniqueNames;
import io.cairn.common.validation.Inputs;
import io.cairn.registry.api.ApprovalKind;
import io.cairn.registry.api.ModelChangeOutcome;
import io.cairn.registry.api.ModelFlavor;
import io.cairn.registry.api.ModelStage;
import io.cairn.registry.api.ModelVersionId;
import io.cairn.registry.api.RegisteredModelCommand.ApproveModelChangeCommand;
import io.cairn.registry.api.RegisteredModelCommand.CreateModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.CreateRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.DeleteModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.DeleteRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.DescribeModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.DescribeRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.RejectModelChangeCommand;
import io.cairn.registry.api.RegisteredModelCommand.RemoveModelAliasCommand;
import io.cairn.registry.api.RegisteredModelCommand.RenameRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.SetModelAliasCommand;
import io.cairn.registry.api.RegisteredModelCommand.SetProtectedAliasesCommand;
import io.cairn.registry.api.RegisteredModelCommand.TagModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.TagRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.TransitionModelVersionStageCommand;
import io.cairn.registry.api.RegisteredModelCommand.UntagModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.UntagRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelEvent.ModelAliasRemovedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelAliasSetEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelChangeApprovalRequestedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelChangeApprovedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelChangeRejectedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionCreatedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionDeletedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionDescribedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionStageChangedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionTaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionUntaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ProtectedAliasesChangedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelCreatedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDeletedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDescribedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelRenamedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelTaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelUntaggedEvent;
import io.cairn.run.api.RunArtifact;
import io.cairn.run.api.RunGuard;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.CairnPrincipal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A named model of an organization with numbered versions, each registered from a run's artifact and pinned
 * by its digest; aliases that point at versions; MLflow-style stages. Moving a version to Production or a
 * protected alias to a version is first recorded as an approval request, and happens when someone other than
 * the requester, allowed by {@link AccessPolicy#mayApproveModel}, approves it. Deleting is soft: the history
 * stays readable and the name becomes free, but the model accepts no further change.
 */
@Aggregate
public class RegisteredModel {

    static final String NAME_SCOPE = "model";
    /** Aliases protected when a model is created; owners and admins may change the set. */
    static final List<String> DEFAULT_PROTECTED_ALIASES = List.of("champion");

    private enum Status { PENDING, APPROVED, REJECTED, WITHDRAWN }

    private record VersionState(String projectId, ModelStage stage) {
    }

    private record ApprovalRequest(String id, int version, ApprovalKind kind, ModelStage stage,
                                   boolean archiveExistingVersions, String alias, String requestedBy, Status status) {

        boolean sameChange(int otherVersion, ApprovalKind otherKind, ModelStage otherStage, String otherAlias) {
            return version == otherVersion && kind == otherKind && stage == otherStage
                    && Objects.equals(alias, otherAlias);
        }

        ApprovalRequest decided(Status decision) {
            return new ApprovalRequest(id, version, kind, stage, archiveExistingVersions, alias, requestedBy, decision);
        }
    }

    @AggregateIdentifier
    private String modelId;
    private String tenantId;
    private String name;
    private boolean deleted;
    private Set<String> tagKeys = new HashSet<>();
    private Set<String> protectedAliases = new HashSet<>();
    private int latestVersion;
    private TreeMap<Integer, VersionState> versions = new TreeMap<>();
    private Map<Integer, Set<String>> versionTagKeys = new HashMap<>();
    private Map<String, Integer> aliases = new HashMap<>();
    private Map<String, ApprovalRequest> requests = new HashMap<>();

    protected RegisteredModel() {
    }

    @CommandHandler
    public RegisteredModel(CreateRegisteredModelCommand command, UniqueNames names) {
        String name = Inputs.requireName("name", command.name());
        Inputs.requireMaxLength("description", command.description(), Inputs.MAX_DESCRIPTION_LENGTH);
        RegistryRules.requireTags("tags", command.tags(), Set.of());
        names.claim(command.tenantId(), NAME_SCOPE, name, command.modelId(), "name");
        apply(new RegisteredModelCreatedEvent(command.modelId(), command.tenantId(), name, command.description(),
                command.tags() == null ? Map.of() : Map.copyOf(command.tags()), DEFAULT_PROTECTED_ALIASES));
    }

    @CommandHandler
    void handle(RenameRegisteredModelCommand command, UniqueNames names) {
        requireWritable(command.tenantId());
        String newName = Inputs.requireName("name", command.name());
        if (!newName.equals(name)) {
            names.claim(tenantId, NAME_SCOPE, newName, modelId, "name");
            names.release(tenantId, NAME_SCOPE, name, modelId);
            apply(new RegisteredModelRenamedEvent(modelId, tenantId, newName));
        }
    }

    @CommandHandler
    void handle(DescribeRegisteredModelCommand command) {
        requireWritable(command.tenantId());
        Inputs.requireMaxLength("description", command.description(), Inputs.MAX_DESCRIPTION_LENGTH);
        apply(new RegisteredModelDescribedEvent(modelId, tenantId, command.description()));
    }

    @CommandHandler
    void handle(TagRegisteredModelCommand command) {
        requireWritable(command.tenantId());
        if (command.tags() == null || command.tags().isEmpty()) {
            throw new InvalidInputException("tags", "tags must contain at least one entry");
        }
        RegistryRules.requireTags("tags", command.tags(), tagKeys);
        apply(new RegisteredModelTaggedEvent(modelId, tenantId, Map.copyOf(command.tags())));
    }

    @CommandHandler
    void handle(UntagRegisteredModelCommand command) {
        requireWritable(command.tenantId());
        if (!tagKeys.contains(command.key())) {
            throw new NotFoundException("Tag", command.key());
        }
        apply(new RegisteredModelUntaggedEvent(modelId, tenantId, command.key()));
    }

    @CommandHandler
    void handle(DeleteRegisteredModelCommand command, UniqueNames names) {
        requireTenant(command.tenantId());
        if (!deleted) {
            names.release(tenantId, NAME_SCOPE, name, modelId);
            apply(new RegisteredModelDeletedEvent(modelId, tenantId));
        }
    }

    @CommandHandler
    void handle(SetProtectedAliasesCommand command, AccessPolicy policy) {
        requireWritable(command.tenantId());
        if (!policy.mayApproveModel(command.actor(), null)) {
            throw new ForbiddenException("Changing which aliases are protected needs the role ADMIN or OWNER");
        }
        if (command.aliases() == null) {
            throw new InvalidInputException("aliases", "aliases is required; an empty list protects no alias");
        }
        if (command.aliases().size() > RegistryRules.MAX_PROTECTED_ALIASES) {
            throw new InvalidInputException("aliases", "At most " + RegistryRules.MAX_PROTECTED_ALIASES
                    + " protected aliases");
        }
        Set<String> wanted = new TreeSet<>();
        for (int i = 0; i < command.aliases().size(); i++) {
            wanted.add(RegistryRules.requireAlias("aliases[" + i + "]", command.aliases().get(i)));
        }
        if (!wanted.equals(protectedAliases)) {
            apply(new ProtectedAliasesChangedEvent(modelId, tenantId, List.copyOf(wanted)));
        }
    }

    @CommandHandler
    int handle(CreateModelVersionCommand command, RunGuard runs) {
        requireWritable(command.tenantId());
        ModelFlavor flavor = ModelFlavor.parse(command.flavor(), "flavor");
        var signature = RegistryRules.requireSignature(command.signature());
        Inputs.requireMaxLength("description", command.description(), Inputs.MAX_DESCRIPTION_LENGTH);
        RegistryRules.requireTags("tags", command.tags(), Set.of());
        RunArtifact artifact = runs.requireArtifact(tenantId, command.runId(), command.artifactPath(), "runId",
                "artifactPath");
        int version = latestVersion + 1;
        apply(new ModelVersionCreatedEvent(modelId, tenantId, version, artifact.runId(), artifact.projectId(),
                artifact.path(), artifact.sha256(), artifact.size(), flavor, signature, command.description(),
                command.tags() == null ? Map.of() : Map.copyOf(command.tags())));
        return version;
    }

    @CommandHandler
    void handle(TagModelVersionCommand command) {
        requireWritable(command.tenantId());
        requireVersion(command.version(), "version");
        if (command.tags() == null || command.tags().isEmpty()) {
            throw new InvalidInputException("tags", "tags must contain at least one entry");
        }
        RegistryRules.requireTags("tags", command.tags(), Set.of());
        apply(new ModelVersionTaggedEvent(modelId, tenantId, command.version(), Map.copyOf(command.tags())));
    }

    @CommandHandler
    void handle(UntagModelVersionCommand command) {
        requireWritable(command.tenantId());
        requireVersion(command.version(), "version");
        if (!versionTagKeys.getOrDefault(command.version(), Set.of()).contains(command.key())) {
            throw new NotFoundException("Tag", command.key(), "key");
        }
        apply(new ModelVersionUntaggedEvent(modelId, tenantId, command.version(), command.key()));
    }

    @CommandHandler
    void handle(DescribeModelVersionCommand command) {
        requireWritable(command.tenantId());
        requireVersion(command.version(), "version");
        Inputs.requireMaxLength("description", command.description(), Inputs.MAX_DESCRIPTION_LENGTH);
        apply(new ModelVersionDescribedEvent(modelId, tenantId, command.version(), command.description()));
    }

    @CommandHandler
    void handle(DeleteModelVersionCommand command, AccessPolicy policy) {
        requireWritable(command.tenantId());
        VersionState state = requireVersion(command.version(), null);
        List<String> pointing = aliases.entrySet().stream()
                .filter(e -> e.getValue() == command.version()).map(Map.Entry::getKey).sorted().toList();
        boolean guarded = state.stage() == ModelStage.PRODUCTION
                || pointing.stream().anyMatch(protectedAliases::contains);
        if (guarded && !policy.mayApproveModel(command.actor(), state.projectId())) {
            throw new ForbiddenException("Version " + command.version() + " is in Production or behind a protected"
                    + " alias; deleting it needs the role ADMIN or OWNER, or MANAGER of the project it was trained in");
        }
        for (String alias : pointing) {
            apply(new ModelAliasRemovedEvent(modelId, tenantId, alias, command.version()));
        }
        List<String> withdrawn = requests.values().stream()
                .filter(r -> r.version() == command.version() && r.status() == Status.PENDING)
                .map(ApprovalRequest::id).sorted().toList();
        apply(new ModelVersionDeletedEvent(modelId, tenantId, command.version(), state.stage(), withdrawn));
    }

    @CommandHandler
    ModelChangeOutcome handle(TransitionModelVersionStageCommand command) {
        requireWritable(command.tenantId());
        VersionState current = requireVersion(command.version(), null);
        ModelStage target = ModelStage.parse(command.stage(), "stage");
        if (command.archiveExistingVersions() && !target.archivesOthers()) {
            throw new InvalidInputException("archiveExistingVersions",
                    "archiveExistingVersions applies only to moves to Staging or Production");
        }
        RegistryRules.requireComment(command.comment());
        if (current.stage() == target) {
            throw new ConflictException("stage", "Version " + command.version() + " is already in " + target.label());
        }
        if (target == ModelStage.PRODUCTION) {
            return requestApproval(command.requestId(), command.version(), ApprovalKind.STAGE, target,
                    command.archiveExistingVersions(), null, command.actor(), command.comment());
        }
        moveStage(command.version(), target, command.archiveExistingVersions(), null);
        return ModelChangeOutcome.applied();
    }

    @CommandHandler
    ModelChangeOutcome handle(SetModelAliasCommand command) {
        requireWritable(command.tenantId());
        String alias = RegistryRules.requireAlias("alias", command.alias());
        if (command.version() == null) {
            throw new InvalidInputException("version", "version is required");
        }
        requireVersion(command.version(), "version");
        RegistryRules.requireComment(command.comment());
        Integer current = aliases.get(alias);
        if (command.version().equals(current)) {
            throw new ConflictException("version", "Alias '" + alias + "' already points at version " + current);
        }
        if (protectedAliases.contains(alias)) {
            return requestApproval(command.requestId(), command.version(), ApprovalKind.ALIAS, null, false, alias,
                    command.actor(), command.comment());
        }
        apply(new ModelAliasSetEvent(modelId, tenantId, alias, command.version(), current, null));
        return ModelChangeOutcome.applied();
    }

    @CommandHandler
    void handle(RemoveModelAliasCommand command) {
        requireWritable(command.tenantId());
        Integer current = aliases.get(command.alias());
        if (current == null) {
            throw new NotFoundException("Alias", command.alias());
        }
        apply(new ModelAliasRemovedEvent(modelId, tenantId, command.alias(), current));
    }

    @CommandHandler
    void handle(ApproveModelChangeCommand command, AccessPolicy policy) {
        ApprovalRequest request = requireDecidable(command.tenantId(), command.requestId(), command.actor(), policy);
        RegistryRules.requireComment(command.comment());
        apply(new ModelChangeApprovedEvent(modelId, tenantId, request.id(), command.actor().principalId(),
                command.comment()));
        // The change may have happened another way meanwhile; then the approval is recorded and nothing moves.
        if (request.kind() == ApprovalKind.STAGE) {
            if (versions.get(request.version()).stage() != request.stage()) {
                moveStage(request.version(), request.stage(), request.archiveExistingVersions(), request.id());
            }
        } else {
            Integer current = aliases.get(request.alias());
            if (!Integer.valueOf(request.version()).equals(current)) {
                apply(new ModelAliasSetEvent(modelId, tenantId, request.alias(), request.version(), current,
                        request.id()));
            }
        }
    }

    @CommandHandler
    void handle(RejectModelChangeCommand command, AccessPolicy policy) {
        ApprovalRequest request = requireDecidable(command.tenantId(), command.requestId(), command.actor(), policy);
        RegistryRules.requireComment(command.comment());
        apply(new ModelChangeRejectedEvent(modelId, tenantId, request.id(), command.actor().principalId(),
                command.comment()));
    }

    private ModelChangeOutcome requestApproval(String requestId, int version, ApprovalKind kind, ModelStage stage,
                                               boolean archiveExistingVersions, String alias, CairnPrincipal requester,
                                               String comment) {
        for (ApprovalRequest pending : requests.values()) {
            if (pending.status() == Status.PENDING && pending.sameChange(version, kind, stage, alias)) {
                throw new ConflictException(null, "Approval request '" + pending.id()
                        + "' for this change is already pending");
            }
        }
        apply(new ModelChangeApprovalRequestedEvent(modelId, tenantId, requestId, version, kind, stage,
                archiveExistingVersions, alias, requester.principalId(), comment));
        return ModelChangeOutcome.awaitingApproval(requestId);
    }

    /** The pending request, once the actor may decide on it: an approver, and not the one who asked. */
    private ApprovalRequest requireDecidable(String commandTenant, String requestId, CairnPrincipal actor,
                                             AccessPolicy policy) {
        requireWritable(commandTenant);
        ApprovalRequest request = requests.get(requestId);
        if (request == null) {
            throw new NotFoundException("Approval request", requestId);
        }
        if (request.status() != Status.PENDING) {
            throw new ConflictException(null, "Approval request '" + requestId + "' is already "
                    + request.status().name().toLowerCase());
        }
        if (!policy.mayApproveModel(actor, versions.get(request.version()).projectId())) {
            throw new ForbiddenException("Deciding on model changes needs the role ADMIN or OWNER, or MANAGER of"
                    + " the project the version was trained in");
        }
        if (actor.principalId().equals(request.requestedBy())) {
            throw new ForbiddenException("You requested this change; someone else must approve or reject it");
        }
        return request;
    }

    /** Moves a version, and with {@code archiveExisting} archives the versions already in that stage. */
    private void moveStage(int version, ModelStage target, boolean archiveExisting, String approvalRequestId) {
        apply(new ModelVersionStageChangedEvent(modelId, tenantId, version, versions.get(version).stage(), target,
                approvalRequestId));
        if (archiveExisting) {
            List<Integer> others = versions.entrySet().stream()
                    .filter(e -> e.getKey() != version && e.getValue().stage() == target)
                    .map(Map.Entry::getKey).toList();
            for (int other : others) {
                apply(new ModelVersionStageChangedEvent(modelId, tenantId, other, target, ModelStage.ARCHIVED,
                        approvalRequestId));
            }
        }
    }

    private VersionState requireVersion(int version, String field) {
        VersionState state = versions.get(version);
        if (state == null) {
            throw new NotFoundException("Model version", ModelVersionId.of(modelId, version), field);
        }
        return state;
    }

    private void requireTenant(String commandTenant) {
        if (!tenantId.equals(commandTenant)) {
            throw new NotFoundException("Model", modelId);
        }
    }

    private void requireWritable(String commandTenant) {
        requireTenant(commandTenant);
        if (deleted) {
            throw new ConflictException(null, "Model '" + modelId + "' is deleted and accepts no changes");
        }
    }

    @EventSourcingHandler
    void on(RegisteredModelCreatedEvent event) {
        modelId = event.modelId();
        tenantId = event.tenantId();
        name = event.name();
        tagKeys.addAll(event.tags().keySet());
        protectedAliases.addAll(event.protectedAliases());
    }

    @EventSourcingHandler
    void on(RegisteredModelRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(RegisteredModelTaggedEvent event) {
        tagKeys.addAll(event.tags().keySet());
    }

    @EventSourcingHandler
    void on(RegisteredModelUntaggedEvent event) {
        tagKeys.remove(event.key());
    }

    @EventSourcingHandler
    void on(RegisteredModelDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(ProtectedAliasesChangedEvent event) {
        protectedAliases.clear();
        protectedAliases.addAll(event.aliases());
    }

    @EventSourcingHandler
    void on(ModelVersionCreatedEvent event) {
        latestVersion = event.version();
        versions.put(event.version(), new VersionState(event.projectId(), ModelStage.NONE));
        versionTagKeys.put(event.version(), new HashSet<>(event.tags().keySet()));
    }

    @EventSourcingHandler
    void on(ModelVersionTaggedEvent event) {
        versionTagKeys.computeIfAbsent(event.version(), v -> new HashSet<>()).addAll(event.tags().keySet());
    }

    @EventSourcingHandler
    void on(ModelVersionUntaggedEvent event) {
        versionTagKeys.computeIfAbsent(event.version(), v -> new HashSet<>()).remove(event.key());
    }

    @EventSourcingHandler
    void on(ModelVersionStageChangedEvent event) {
        versions.put(event.version(), new VersionState(versions.get(event.version()).projectId(), event.toStage()));
    }

    @EventSourcingHandler
    void on(ModelVersionDeletedEvent event) {
        versions.remove(event.version());
        versionTagKeys.remove(event.version());
        for (String requestId : event.withdrawnRequests()) {
            requests.computeIfPresent(requestId, (id, request) -> request.decided(Status.WITHDRAWN));
        }
    }

    @EventSourcingHandler
    void on(ModelAliasSetEvent event) {
        aliases.put(event.alias(), event.version());
    }

    @EventSourcingHandler
    void on(ModelAliasRemovedEvent event) {
        aliases.remove(event.alias());
    }

    @EventSourcingHandler
    void on(ModelChangeApprovalRequestedEvent event) {
        requests.put(event.requestId(), new ApprovalRequest(event.requestId(), event.version(), event.kind(),
                event.stage(), event.archiveExistingVersions(), event.alias(), event.requestedBy(), Status.PENDING));
    }

    @EventSourcingHandler
    void on(ModelChangeApprovedEvent event) {
        requests.computeIfPresent(event.requestId(), (id, request) -> request.decided(Status.APPROVED));
    }

    @EventSourcingHandler
    void on(ModelChangeRejectedEvent event) {
        requests.computeIfPresent(event.requestId(), (id, request) -> request.decided(Status.REJECTED));
    }
}
