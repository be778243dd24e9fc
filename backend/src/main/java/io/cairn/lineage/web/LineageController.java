package io.cairn.lineage.web;

import io.cairn.common.error.NotFoundException;
import io.cairn.deployment.query.DeploymentReadModel;
import io.cairn.lineage.query.LineageGraph;
import io.cairn.lineage.query.LineageKind;
import io.cairn.lineage.query.LineageReadModel;
import io.cairn.lineage.query.OpenLineageExport;
import io.cairn.run.query.RunReadModel;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lineage graph around one node, and a run's lineage as OpenLineage events. Every member reads lineage,
 * but runs of projects hidden from the caller (and their artifacts) are left out of graphs, and their
 * OpenLineage export answers 404, like the run itself. Deployments of hidden projects (and, for such members,
 * deleted deployments) are left out the same way.
 */
@RestController
public class LineageController {

    private final LineageReadModel lineage;
    private final OpenLineageExport openLineage;
    private final RunReadModel runs;
    private final DeploymentReadModel deployments;
    private final AccessPolicy policy;

    public LineageController(LineageReadModel lineage, OpenLineageExport openLineage, RunReadModel runs,
                             DeploymentReadModel deployments, AccessPolicy policy) {
        this.lineage = lineage;
        this.openLineage = openLineage;
        this.runs = runs;
        this.deployments = deployments;
        this.policy = policy;
    }

    /** {@code id} may hold slashes (artifact ids are {@code <runId>/<path>@sha256:<hex>}). */
    @GetMapping("/api/v1/lineage/{kind}/{*id}")
    LineageGraph graph(@PathVariable String kind, @PathVariable String id,
                       @RequestParam(defaultValue = "upstream") String direction,
                       @RequestParam(required = false) Integer depth) {
        CairnPrincipal caller = policy.caller(Action.READ);
        return lineage.graph(caller.tenantId(), LineageKind.parse(kind, "kind"), id.substring(1),
                LineageReadModel.direction(direction), LineageReadModel.depth(depth), runVisibleTo(caller),
                deploymentVisibleTo(caller));
    }

    @GetMapping("/api/v1/runs/{runId}/lineage/openlineage")
    List<OpenLineageExport.RunEvent> openLineage(@PathVariable String runId) {
        CairnPrincipal caller = policy.caller(Action.READ);
        if (!runVisibleTo(caller).test(runId)) {
            throw new NotFoundException("Run", runId);
        }
        return openLineage.events(caller.tenantId(), runId);
    }

    /** Whether the caller may see a deployment: it sees its project (answers are remembered for one request). */
    private Predicate<String> deploymentVisibleTo(CairnPrincipal caller) {
        if (policy.seesAllProjects(caller)) {
            return deploymentId -> true;
        }
        Map<String, Boolean> seen = new HashMap<>();
        return deploymentId -> seen.computeIfAbsent(deploymentId, id -> deployments.projectOf(caller.tenantId(), id)
                .map(projectId -> policy.canSee(caller, projectId)).orElse(false));
    }

    /** Whether the caller may see a run: it sees its project (answers are remembered for one request). */
    private Predicate<String> runVisibleTo(CairnPrincipal caller) {
        if (policy.seesAllProjects(caller)) {
            return runId -> true;
        }
        Map<String, Boolean> seen = new HashMap<>();
        return runId -> seen.computeIfAbsent(runId, id -> runs.projectOf(caller.tenantId(), id)
                .map(projectId -> policy.canSee(caller, projectId)).orElse(false));
    }
}
