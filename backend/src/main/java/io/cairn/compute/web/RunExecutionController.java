package io.cairn.compute.web;

import io.cairn.common.error.NotFoundException;
import io.cairn.compute.query.ComputeReadModel;
import io.cairn.compute.query.ComputeViews.ExecutionView;
import io.cairn.project.api.ProjectRole;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The execution state of a submitted run: target, spec, attempts with their agents and reasons. */
@RestController
public class RunExecutionController {

    private final ComputeReadModel compute;
    private final AccessPolicy policy;

    RunExecutionController(ComputeReadModel compute, AccessPolicy policy) {
        this.compute = compute;
        this.policy = policy;
    }

    @GetMapping("/api/v1/runs/{id}/execution")
    ExecutionView get(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.READ);
        ExecutionView execution = visible(compute, caller.tenantId(), id);
        policy.requireOnProject(caller, execution.projectId(), ProjectRole.VIEWER, () -> new NotFoundException("Run", id));
        return execution;
    }

    static ExecutionView visible(ComputeReadModel compute, String tenantId, String runId) {
        return compute.execution(tenantId, runId).orElseThrow(() -> new NotFoundException("Run execution", runId));
    }
}
