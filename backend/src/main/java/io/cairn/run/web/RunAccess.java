package io.cairn.run.web;

import io.cairn.common.error.NotFoundException;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.query.RunReadModel;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import org.springframework.stereotype.Component;

/**
 * A run is reached through its project: this finds the run's project and asks {@link AccessPolicy} about the
 * caller's role there. A run of a project the caller cannot see is not found, like an unknown run.
 */
@Component
public class RunAccess {

    private final RunReadModel runs;
    private final AccessPolicy policy;

    public RunAccess(RunReadModel runs, AccessPolicy policy) {
        this.runs = runs;
        this.policy = policy;
    }

    /** The principal of the current request, once it holds at least {@code needed} on the run's project. */
    public CairnPrincipal caller(String runId, ProjectRole needed) {
        CairnPrincipal caller = policy.caller(Action.READ);
        String projectId = runs.projectOf(caller.tenantId(), runId).orElseThrow(() -> new NotFoundException("Run", runId));
        policy.requireOnProject(caller, projectId, needed, () -> new NotFoundException("Run", runId));
        return caller;
    }
}
