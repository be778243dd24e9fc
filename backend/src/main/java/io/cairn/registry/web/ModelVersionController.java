package io.cairn.registry.web;

import static io.cairn.registry.web.ModelController.PROJECTION;
import static io.cairn.registry.web.ModelController.RESOURCE;

import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.Commands;
import io.cairn.project.api.ProjectRole;
import io.cairn.common.web.PageToken;
import io.cairn.registry.api.ModelChangeOutcome;
import io.cairn.registry.api.ModelSignature;
import io.cairn.registry.api.ModelStage;
import io.cairn.registry.api.RegisteredModelCommand.CreateModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.RemoveModelAliasCommand;
import io.cairn.registry.api.RegisteredModelCommand.SetModelAliasCommand;
import io.cairn.registry.api.RegisteredModelCommand.TransitionModelVersionStageCommand;
import io.cairn.registry.query.ModelReadModel;
import io.cairn.registry.query.ModelView;
import io.cairn.run.query.RunReadModel;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Versions of a model, their stages, and the model's aliases. A change that needs approval (a move to
 * Production, a protected alias) answers 202 with the approval request instead of the changed resource.
 */
@RestController
@RequestMapping("/api/v1/models/{modelId}")
public class ModelVersionController {

    private final Commands commands;
    private final ModelReadModel models;
    private final RunReadModel runs;
    private final AccessPolicy policy;
    private final ModelVersionDeletion deletion;

    public ModelVersionController(Commands commands, ModelReadModel models, RunReadModel runs, AccessPolicy policy,
                                  ModelVersionDeletion deletion) {
        this.commands = commands;
        this.models = models;
        this.runs = runs;
        this.policy = policy;
        this.deletion = deletion;
    }

    public record CreateVersionRequest(String runId, String artifactPath, String flavor, ModelSignature signature,
                                       String description, Map<String, String> tags) {
    }

    public record StageRequest(String stage, Boolean archiveExistingVersions, String comment) {
    }

    public record AliasRequest(Integer version, String comment) {
    }

    public record VersionPage(List<ModelView.Version> versions, String nextPageToken) {
    }

    @PostMapping("/versions")
    ResponseEntity<ModelView.Version> create(@PathVariable String modelId, @RequestBody CreateVersionRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        requireVisibleRun(caller, request.runId());
        int version = commands.sendAndProject(new CreateModelVersionCommand(modelId, caller.tenantId(), request.runId(),
                request.artifactPath(), request.flavor(), request.signature(), request.description(), request.tags()),
                RESOURCE, modelId, PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/models/" + modelId + "/versions/" + version))
                .body(models.version(caller.tenantId(), modelId, version));
    }

    /**
     * A version is registered from a run the caller can see: a run of a project hidden from it answers 404,
     * like an unknown run (which the aggregate refuses).
     */
    private void requireVisibleRun(CairnPrincipal caller, String runId) {
        if (runId == null) {
            return;
        }
        runs.projectOf(caller.tenantId(), runId).ifPresent(projectId -> policy.requireOnProject(caller, projectId,
                ProjectRole.VIEWER, () -> new NotFoundException("Run", runId, "runId")));
    }

    @GetMapping("/versions")
    VersionPage list(@PathVariable String modelId, @RequestParam(required = false) String stage,
                     @RequestParam(required = false) Integer maxResults,
                     @RequestParam(required = false) String pageToken) {
        CairnPrincipal caller = policy.caller(Action.READ);
        String stageLabel = stage == null ? null : ModelStage.parse(stage, "stage").label();
        int size = PageToken.maxResults(maxResults);
        long offset = PageToken.decode(pageToken);
        List<ModelView.Version> rows = models.versions(caller.tenantId(), modelId, stageLabel, offset, size + 1);
        return new VersionPage(rows.subList(0, Math.min(size, rows.size())), PageToken.next(offset, size, rows.size()));
    }

    @GetMapping("/versions/{version}")
    ModelView.Version get(@PathVariable String modelId, @PathVariable int version) {
        return models.version(policy.caller(Action.READ).tenantId(), modelId, version);
    }

    /**
     * Deletes a version (204). Refused with 409 while a deployment serves it; a version in Production or behind
     * a protected alias needs an approver (403 otherwise).
     */
    @DeleteMapping("/versions/{version}")
    ResponseEntity<Void> delete(@PathVariable String modelId, @PathVariable int version) {
        deletion.delete(policy.caller(Action.WRITE), modelId, version);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/versions/{version}/stage")
    ResponseEntity<?> transition(@PathVariable String modelId, @PathVariable int version,
                                 @RequestBody StageRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        return change(caller, modelId, new TransitionModelVersionStageCommand(modelId, caller.tenantId(), version,
                        request.stage(), Boolean.TRUE.equals(request.archiveExistingVersions()), request.comment(),
                        UUID.randomUUID().toString(), caller),
                () -> models.version(caller.tenantId(), modelId, version));
    }

    @GetMapping("/aliases/{alias}")
    ModelView.Version resolve(@PathVariable String modelId, @PathVariable String alias) {
        return models.versionByAlias(policy.caller(Action.READ).tenantId(), modelId, alias);
    }

    @PutMapping("/aliases/{alias}")
    ResponseEntity<?> setAlias(@PathVariable String modelId, @PathVariable String alias,
                               @RequestBody AliasRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        return change(caller, modelId, new SetModelAliasCommand(modelId, caller.tenantId(), alias, request.version(),
                request.comment(), UUID.randomUUID().toString(), caller), () -> models.get(caller.tenantId(), modelId));
    }

    @DeleteMapping("/aliases/{alias}")
    ModelView removeAlias(@PathVariable String modelId, @PathVariable String alias) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        commands.sendAndProject(new RemoveModelAliasCommand(modelId, caller.tenantId(), alias), RESOURCE, modelId,
                PROJECTION);
        return models.get(caller.tenantId(), modelId);
    }

    /**
     * Sends a change that may need approval: 200 with {@code changed} once applied, or 202 with the approval
     * request (and its location) when it waits for an approver.
     */
    private ResponseEntity<?> change(CairnPrincipal caller, String modelId, Object command, Supplier<?> changed) {
        ModelChangeOutcome outcome = commands.sendAndProject(command, RESOURCE, modelId, PROJECTION);
        if (outcome.isApplied()) {
            return ResponseEntity.ok(changed.get());
        }
        String requestId = outcome.approvalRequestId();
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/models/" + modelId + "/approvals/" + requestId))
                .body(models.approval(caller.tenantId(), modelId, requestId));
    }
}
