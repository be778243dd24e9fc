package io.cairn.deployment.web;

import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.web.PageToken;
import io.cairn.deployment.api.DeploymentCommand.CreateDeploymentCommand;
import io.cairn.deployment.api.DeploymentCommand.DeleteDeploymentCommand;
import io.cairn.deployment.api.DeploymentCommand.PromoteCanaryCommand;
import io.cairn.deployment.api.DeploymentCommand.RollBackCanaryCommand;
import io.cairn.deployment.api.DeploymentCommand.ScaleDeploymentCommand;
import io.cairn.deployment.api.DeploymentCommand.UpdateDeploymentCommand;
import io.cairn.deployment.api.ServedVersion;
import io.cairn.deployment.command.Deployment;
import io.cairn.deployment.query.DeploymentReadModel;
import io.cairn.deployment.query.DeploymentView;
import io.cairn.deployment.serving.DeploymentRuntimes;
import io.cairn.deployment.serving.DeploymentTelemetry;
import io.cairn.deployment.serving.ScoreRouter;
import io.cairn.project.api.ProjectRole;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deployments of model versions and their scoring endpoint. A deployment belongs to the project its first
 * version was trained in: changing it needs EDITOR there, reading and scoring VIEWER; a project hidden from the
 * caller answers 404, like another organization's deployment.
 */
@RestController
@RequestMapping("/api/v1/deployments")
public class DeploymentController {

    /** Names the version that answered a scoring request. */
    public static final String MODEL_VERSION_HEADER = "Cairn-Model-Version";
    static final String RESOURCE = "Deployment";
    static final String PROJECTION = "deployments";

    private final Commands commands;
    private final DeploymentReadModel deployments;
    private final ServableVersions versions;
    private final DeploymentRuntimes runtimes;
    private final ScoreRouter router;
    private final DeploymentTelemetry telemetry;
    private final AccessPolicy policy;

    public DeploymentController(Commands commands, DeploymentReadModel deployments, ServableVersions versions,
                                DeploymentRuntimes runtimes, ScoreRouter router, DeploymentTelemetry telemetry,
                                AccessPolicy policy) {
        this.commands = commands;
        this.deployments = deployments;
        this.versions = versions;
        this.runtimes = runtimes;
        this.router = router;
        this.telemetry = telemetry;
        this.policy = policy;
    }

    /**
     * {@code version} or {@code alias} (one of them); {@code target} ({@code local} or {@code kubernetes}) defaults
     * to local, {@code replicas} to 1.
     */
    public record CreateRequest(String name, String modelId, Integer version, String alias, String target,
                                Integer replicas) {
    }

    public record ScaleRequest(Integer replicas) {
    }

    /** Without {@code canaryPercent} the new version takes all the traffic at once. */
    public record UpdateRequest(Integer version, String alias, Integer canaryPercent) {
    }

    public record DeploymentPage(List<DeploymentView> deployments, String nextPageToken) {
    }

    @PostMapping
    ResponseEntity<DeploymentView> create(@RequestBody CreateRequest request) {
        CairnPrincipal caller = policy.caller(Action.READ);
        String target = runtimes.requireAccepted(request.target() == null ? Deployment.LOCAL : request.target());
        versions.model(caller.tenantId(), request.modelId());
        ServedVersion served = versions.resolve(caller, request.modelId(), request.version(), request.alias(),
                ProjectRole.EDITOR);
        String projectId = versions.projectOf(caller.tenantId(), request.modelId(), served.version());
        String id = UUID.randomUUID().toString();
        String name = request.name() == null ? "deployment-" + id.substring(0, 8) : request.name();
        send(new CreateDeploymentCommand(id, caller.tenantId(), name, target, projectId, request.modelId(), served,
                request.replicas()), id);
        return ResponseEntity.created(URI.create("/api/v1/deployments/" + id)).body(view(caller, id));
    }

    @GetMapping
    DeploymentPage list(@RequestParam(required = false) String projectId, @RequestParam(required = false) String modelId,
                        @RequestParam(required = false) Integer maxResults,
                        @RequestParam(required = false) String pageToken) {
        CairnPrincipal caller = policy.caller(Action.READ);
        int size = PageToken.maxResults(maxResults);
        long offset = PageToken.decode(pageToken);
        List<DeploymentView> rows = deployments.list(caller.tenantId(), projectId, modelId,
                policy.visibleProjects(caller).orElse(null), offset, size + 1);
        List<DeploymentView> page = rows.subList(0, Math.min(size, rows.size())).stream()
                .map(d -> runtimes.observe(caller.tenantId(), d)).toList();
        return new DeploymentPage(page, PageToken.next(offset, size, rows.size()));
    }

    @GetMapping("/{id}")
    DeploymentView get(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.READ);
        require(caller, id, ProjectRole.VIEWER);
        return view(caller, id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.READ);
        require(caller, id, ProjectRole.EDITOR);
        send(new DeleteDeploymentCommand(id, caller.tenantId()), id);
        telemetry.forget(caller.tenantId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/scale")
    DeploymentView scale(@PathVariable String id, @RequestBody ScaleRequest request) {
        CairnPrincipal caller = policy.caller(Action.READ);
        require(caller, id, ProjectRole.EDITOR);
        send(new ScaleDeploymentCommand(id, caller.tenantId(), request.replicas()), id);
        return view(caller, id);
    }

    /** The new version must be one the caller may see (VIEWER on the project it was trained in). */
    @PostMapping("/{id}/update")
    DeploymentView update(@PathVariable String id, @RequestBody UpdateRequest request) {
        CairnPrincipal caller = policy.caller(Action.READ);
        DeploymentView deployment = require(caller, id, ProjectRole.EDITOR);
        ServedVersion served = versions.resolve(caller, deployment.modelId(), request.version(), request.alias(),
                ProjectRole.VIEWER);
        send(new UpdateDeploymentCommand(id, caller.tenantId(), served, request.canaryPercent()), id);
        return view(caller, id);
    }

    @PostMapping("/{id}/promote")
    DeploymentView promote(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.READ);
        require(caller, id, ProjectRole.EDITOR);
        send(new PromoteCanaryCommand(id, caller.tenantId()), id);
        return view(caller, id);
    }

    @PostMapping("/{id}/rollback")
    DeploymentView rollback(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.READ);
        require(caller, id, ProjectRole.EDITOR);
        send(new RollBackCanaryCommand(id, caller.tenantId()), id);
        return view(caller, id);
    }

    /**
     * JSON rows in, predictions out, as the model server answers them (its 400 problems unchanged), with
     * {@value #MODEL_VERSION_HEADER} naming the version that answered.
     */
    @PostMapping(value = "/{id}/score", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> score(@PathVariable String id, @RequestBody byte[] body) {
        CairnPrincipal caller = policy.caller(Action.READ);
        DeploymentView deployment = require(caller, id, ProjectRole.VIEWER);
        ScoreRouter.Answer answer = router.score(caller.tenantId(), deployment, body);
        return ResponseEntity.status(answer.status())
                .header(HttpHeaders.CONTENT_TYPE, answer.contentType())
                .header(MODEL_VERSION_HEADER, String.valueOf(answer.version()))
                .body(answer.body());
    }

    @GetMapping("/{id}/telemetry")
    DeploymentTelemetry.Telemetry telemetry(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.READ);
        require(caller, id, ProjectRole.VIEWER);
        return telemetry.of(caller.tenantId(), id);
    }

    /** The deployment, once the caller holds {@code needed} on its project (a hidden project answers 404). */
    private DeploymentView require(CairnPrincipal caller, String id, ProjectRole needed) {
        DeploymentView deployment = deployments.get(caller.tenantId(), id);
        policy.requireOnProject(caller, deployment.projectId(), needed, () -> new NotFoundException(RESOURCE, id));
        return deployment;
    }

    /** Sends the command and waits for the read model; the next read here, a score among them, sees the change. */
    private void send(Object command, String id) {
        commands.sendAndProject(command, RESOURCE, id, PROJECTION);
        deployments.forgetDeployments();
        runtimes.nudgeAll();
    }

    private DeploymentView view(CairnPrincipal caller, String id) {
        return runtimes.observe(caller.tenantId(), deployments.get(caller.tenantId(), id));
    }
}
