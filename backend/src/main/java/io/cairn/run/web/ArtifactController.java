package io.cairn.run.web;

import io.cairn.project.api.ProjectRole;
import io.cairn.run.query.ArtifactView;
import io.cairn.run.query.RunReadModel;
import io.cairn.run.web.RunArtifacts.StoredArtifact;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Artifacts: {@code PUT} streams a file of any size (up to {@code cairn.max-artifact-size}) into the
 * content-addressed store and records it on the run; {@code GET} downloads one, or lists them all when no
 * path is given.
 */
@RestController
@RequestMapping("/api/v1/runs/{runId}/artifacts")
public class ArtifactController {

    private final RunReadModel runs;
    private final RunAccess access;
    private final RunArtifacts artifacts;

    ArtifactController(RunReadModel runs, RunAccess access, RunArtifacts artifacts) {
        this.runs = runs;
        this.access = access;
        this.artifacts = artifacts;
    }

    public record ArtifactList(List<ArtifactView> artifacts) {
    }

    @PutMapping("/{*path}")
    ResponseEntity<StoredArtifact> upload(@PathVariable String runId, @PathVariable String path,
                                          HttpServletRequest request) throws IOException {
        CairnPrincipal caller = access.caller(runId, ProjectRole.EDITOR);
        String artifactPath = strip(path);
        StoredArtifact stored = artifacts.upload(caller, runId, artifactPath, request);
        return ResponseEntity.created(URI.create("/api/v1/runs/" + runId + "/artifacts/" + artifactPath)).body(stored);
    }

    @GetMapping("/{*path}")
    ResponseEntity<?> download(@PathVariable String runId, @PathVariable String path,
                               @RequestParam(required = false) String prefix) throws IOException {
        CairnPrincipal caller = access.caller(runId, ProjectRole.VIEWER);
        String artifactPath = strip(path);
        if (artifactPath.isEmpty()) {
            return ResponseEntity.ok(new ArtifactList(runs.artifacts(caller.tenantId(), runId, prefix)));
        }
        return artifacts.download(caller, runId, artifactPath);
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
