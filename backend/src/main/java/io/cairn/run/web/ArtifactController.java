package io.cairn.run.web;

import io.cairn.artifact.ArtifactStore;
import io.cairn.common.CairnProperties;
import io.cairn.common.error.ConflictException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.error.PayloadTooLargeException;
import io.cairn.common.messaging.Commands;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.RunCommand.LogArtifactCommand;
import io.cairn.run.api.RunStatus;
import io.cairn.run.query.ArtifactView;
import io.cairn.run.query.RunReadModel;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
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

    private final Commands commands;
    private final RunReadModel runs;
    private final ArtifactStore store;
    private final RunAccess access;
    private final long maxBytes;

    ArtifactController(Commands commands, RunReadModel runs, ArtifactStore store, RunAccess access,
                       CairnProperties properties) {
        this.commands = commands;
        this.runs = runs;
        this.store = store;
        this.access = access;
        this.maxBytes = properties.maxArtifactSize().toBytes();
    }

    public record ArtifactList(List<ArtifactView> artifacts) {
    }

    public record StoredArtifact(String path, String sha256, long size) {
    }

    @PutMapping("/{*path}")
    ResponseEntity<StoredArtifact> upload(@PathVariable String runId, @PathVariable String path,
                                          HttpServletRequest request) throws IOException {
        CairnPrincipal caller = access.caller(runId, ProjectRole.EDITOR);
        String artifactPath = strip(path);
        RunStatus status = runs.status(caller.tenantId(), runId).orElseThrow(() -> new NotFoundException("Run", runId));
        if (status.isTerminal()) {
            throw new ConflictException("path", "Run '" + runId + "' is " + status + "; only active runs accept artifacts");
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw new PayloadTooLargeException("body", "The artifact (" + request.getContentLengthLong()
                    + " bytes) exceeds the limit of " + DataSize.ofBytes(maxBytes).toMegabytes() + " MB");
        }
        ArtifactStore.StoredBlob blob;
        try (InputStream body = request.getInputStream()) {
            blob = store.store(caller.tenantId(), body, maxBytes);
        }
        String contentType = request.getContentType() == null
                || request.getContentType().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                ? MediaType.APPLICATION_OCTET_STREAM_VALUE : request.getContentType();
        commands.sendAndProject(new LogArtifactCommand(runId, caller.tenantId(), artifactPath, blob.sha256(), blob.size(),
                contentType), RunController.RESOURCE, runId, RunController.PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/runs/" + runId + "/artifacts/" + artifactPath))
                .body(new StoredArtifact(artifactPath, blob.sha256(), blob.size()));
    }

    @GetMapping("/{*path}")
    ResponseEntity<?> download(@PathVariable String runId, @PathVariable String path,
                               @RequestParam(required = false) String prefix) throws IOException {
        CairnPrincipal caller = access.caller(runId, ProjectRole.VIEWER);
        String artifactPath = strip(path);
        if (artifactPath.isEmpty()) {
            return ResponseEntity.ok(new ArtifactList(runs.artifacts(caller.tenantId(), runId, prefix)));
        }
        ArtifactView artifact = runs.artifact(caller.tenantId(), runId, artifactPath)
                .orElseThrow(() -> new NotFoundException("Artifact", artifactPath));
        InputStream content = store.open(caller.tenantId(), artifact.sha256());
        String fileName = artifactPath.substring(artifactPath.lastIndexOf('/') + 1);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(artifact.size())
                .eTag("\"" + artifact.sha256() + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(content));
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
