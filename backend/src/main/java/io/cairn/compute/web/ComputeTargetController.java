package io.cairn.compute.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.web.PageToken;
import io.cairn.compute.api.ComputeTargetCommand.CreateComputeTargetCommand;
import io.cairn.compute.api.ComputeTargetCommand.DeleteComputeTargetCommand;
import io.cairn.compute.api.ComputeTargetCommand.UpdateComputeTargetCommand;
import io.cairn.compute.api.TargetSettings;
import io.cairn.compute.query.ComputeReadModel;
import io.cairn.compute.query.ComputeViews.ExecutionView;
import io.cairn.compute.query.ComputeViews.TargetView;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.RunCommand.SubmitRunCommand;
import io.cairn.run.api.RunSpec;
import io.cairn.run.api.SourceSnapshot;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Compute targets of the caller's organization (owners and admins manage them) and run submission. */
@RestController
@RequestMapping("/api/v1/compute/targets")
public class ComputeTargetController {

    static final String PROJECTION = "compute";
    private static final String RESOURCE = "Compute target";

    private final Commands commands;
    private final ComputeReadModel compute;
    private final AccessPolicy policy;

    ComputeTargetController(Commands commands, ComputeReadModel compute, AccessPolicy policy) {
        this.commands = commands;
        this.compute = compute;
        this.policy = policy;
    }

    public record CreateTargetRequest(String name, String kind, TargetSettings settings) {
    }

    public record UpdateTargetRequest(String name, TargetSettings settings) {
    }

    public record SubmitRunRequest(String projectId, String name, Map<String, String> tags, SourceSnapshot source,
                                   RunSpec spec) {
    }

    public record TargetPage(List<TargetView> targets, String nextPageToken) {
    }

    @PostMapping
    ResponseEntity<TargetView> create(@RequestBody CreateTargetRequest request) {
        CairnPrincipal caller = policy.caller(Action.ADMINISTER_ORGANIZATION);
        String id = UUID.randomUUID().toString();
        commands.sendAndProject(new CreateComputeTargetCommand(id, caller.tenantId(), request.name(), request.kind(),
                request.settings()), RESOURCE, id, PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/compute/targets/" + id)).body(compute.target(caller.tenantId(), id));
    }

    @GetMapping
    TargetPage list(@RequestParam(required = false) Integer maxResults, @RequestParam(required = false) String pageToken) {
        CairnPrincipal caller = policy.caller(Action.READ);
        int size = PageToken.maxResults(maxResults);
        long offset = PageToken.decode(pageToken);
        List<TargetView> rows = compute.targets(caller.tenantId(), offset, size + 1);
        return new TargetPage(rows.subList(0, Math.min(size, rows.size())), PageToken.next(offset, size, rows.size()));
    }

    @GetMapping("/{id}")
    TargetView get(@PathVariable String id) {
        return compute.target(policy.caller(Action.READ).tenantId(), id);
    }

    @PatchMapping("/{id}")
    TargetView update(@PathVariable String id, @RequestBody UpdateTargetRequest request) {
        CairnPrincipal caller = policy.caller(Action.READ);
        compute.target(caller.tenantId(), id);
        policy.require(caller, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new UpdateComputeTargetCommand(id, caller.tenantId(), request.name(), request.settings()),
                RESOURCE, id, PROJECTION);
        return compute.target(caller.tenantId(), id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.READ);
        compute.target(caller.tenantId(), id);
        policy.require(caller, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new DeleteComputeTargetCommand(id, caller.tenantId()), RESOURCE, id, PROJECTION);
        return ResponseEntity.noContent().build();
    }

    /** Submits a run to the target: a QUEUED run of the project (EDITOR there) that an agent of the target leases. */
    @PostMapping("/{id}/runs")
    ResponseEntity<ExecutionView> submit(@PathVariable String id, @RequestBody SubmitRunRequest request) {
        if (request.projectId() == null || request.projectId().isBlank()) {
            throw new InvalidInputException("projectId", "A project id is required");
        }
        CairnPrincipal caller = policy.callerOnProject(request.projectId(), ProjectRole.EDITOR);
        compute.target(caller.tenantId(), id);
        String runId = UUID.randomUUID().toString().replace("-", "");
        commands.sendAndProject(new SubmitRunCommand(runId, caller.tenantId(), request.projectId(), request.name(),
                request.tags(), id, request.spec(), request.source()), "Run", runId, "runs", PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/runs/" + runId))
                .body(RunExecutionController.visible(compute, caller.tenantId(), runId));
    }
}
