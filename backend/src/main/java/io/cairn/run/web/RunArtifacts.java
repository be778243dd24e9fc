package io.cairn.run.web;

import io.cairn.artifact.ArtifactStore;
import io.cairn.common.CairnProperties;
import io.cairn.common.error.ConflictException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.error.PayloadTooLargeException;
import io.cairn.common.messaging.Commands;
import io.cairn.run.api.RunCommand.LogArtifactCommand;
import io.cairn.run.api.RunStatus;
import io.cairn.run.query.ArtifactView;
import io.cairn.run.query.RunReadModel;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Uploads and downloads of a run's artifacts, shared by Cairn's artifact API and the MLflow artifact proxy (the
 * caller has been authorized on the run's project). An upload is streamed into the content-addressed store (up
 * to {@code cairn.max-artifact-size}), then recorded on the run; a download is served as an attachment.
 */
@Component
public class RunArtifacts {

    private final Commands commands;
    private final RunReadModel runs;
    private final ArtifactStore store;
    private final long maxBytes;

    RunArtifacts(Commands commands, RunReadModel runs, ArtifactStore store, CairnProperties properties) {
        this.commands = commands;
        this.runs = runs;
        this.store = store;
        this.maxBytes = properties.maxArtifactSize().toBytes();
    }

    public record StoredArtifact(String path, String sha256, long size) {
    }

    public StoredArtifact upload(CairnPrincipal caller, String runId, String path, HttpServletRequest request)
            throws IOException {
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
        commands.sendAndProject(new LogArtifactCommand(runId, caller.tenantId(), path, blob.sha256(), blob.size(),
                contentType), RunController.RESOURCE, runId, RunController.PROJECTION);
        return new StoredArtifact(path, blob.sha256(), blob.size());
    }

    public ResponseEntity<InputStreamResource> download(CairnPrincipal caller, String runId, String path)
            throws IOException {
        ArtifactView artifact = runs.artifact(caller.tenantId(), runId, path)
                .orElseThrow(() -> new NotFoundException("Artifact", path));
        InputStream content = store.open(caller.tenantId(), artifact.sha256());
        return attachment(content, artifact.size(), artifact.sha256(), path.substring(path.lastIndexOf('/') + 1),
                MediaType.APPLICATION_OCTET_STREAM);
    }

    /** Stored content served as a download: its digest as the ETag, never sniffed by a browser. */
    static ResponseEntity<InputStreamResource> attachment(InputStream content, long size, String sha256,
                                                          String fileName, MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(size)
                .eTag("\"" + sha256 + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(content));
    }
}
