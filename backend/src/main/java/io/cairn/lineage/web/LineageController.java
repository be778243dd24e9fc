package io.cairn.lineage.web;

import io.cairn.lineage.query.LineageGraph;
import io.cairn.lineage.query.LineageKind;
import io.cairn.lineage.query.LineageReadModel;
import io.cairn.lineage.query.OpenLineageExport;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The lineage graph around one node, and a run's lineage as OpenLineage events. Readable by every member. */
@RestController
public class LineageController {

    private final LineageReadModel lineage;
    private final OpenLineageExport openLineage;
    private final AccessPolicy policy;

    public LineageController(LineageReadModel lineage, OpenLineageExport openLineage, AccessPolicy policy) {
        this.lineage = lineage;
        this.openLineage = openLineage;
        this.policy = policy;
    }

    /** {@code id} may hold slashes (artifact ids are {@code <runId>/<path>@sha256:<hex>}). */
    @GetMapping("/api/v1/lineage/{kind}/{*id}")
    LineageGraph graph(@PathVariable String kind, @PathVariable String id,
                       @RequestParam(defaultValue = "upstream") String direction,
                       @RequestParam(required = false) Integer depth) {
        CairnPrincipal caller = policy.caller(Action.READ);
        return lineage.graph(caller.tenantId(), LineageKind.parse(kind, "kind"), id.substring(1),
                LineageReadModel.direction(direction), LineageReadModel.depth(depth));
    }

    @GetMapping("/api/v1/runs/{runId}/lineage/openlineage")
    List<OpenLineageExport.RunEvent> openLineage(@PathVariable String runId) {
        return openLineage.events(policy.caller(Action.READ).tenantId(), runId);
    }
}
