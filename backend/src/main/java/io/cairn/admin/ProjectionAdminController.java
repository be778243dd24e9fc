package io.cairn.admin;

import io.cairn.common.messaging.Projections;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Platform administration of projections: status and rebuild by replay of the event log. */
@RestController
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

    private final Projections projections;
    private final AccessPolicy policy;

    public ProjectionAdminController(Projections projections, AccessPolicy policy) {
        this.projections = projections;
        this.policy = policy;
    }

    @GetMapping
    List<Projections.Status> list() {
        policy.caller(Action.ADMINISTER_PLATFORM);
        return projections.all();
    }

    @GetMapping("/{name}")
    Projections.Status get(@PathVariable String name) {
        policy.caller(Action.ADMINISTER_PLATFORM);
        return projections.status(name);
    }

    /** Starts a rebuild; poll {@code GET /api/v1/admin/projections/{name}} until {@code replaying} is false. */
    @PostMapping("/{name}/replay")
    ResponseEntity<Projections.Status> replay(@PathVariable String name) {
        policy.caller(Action.ADMINISTER_PLATFORM);
        return ResponseEntity.accepted().body(projections.replay(name));
    }
}
