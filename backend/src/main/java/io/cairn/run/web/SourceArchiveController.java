package io.cairn.run.web;

import io.cairn.artifact.ArtifactStore.StoredBlob;
import io.cairn.artifact.SourceArchiveStore;
import io.cairn.common.CairnProperties;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.error.PayloadTooLargeException;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.SourceSnapshot;
import io.cairn.run.query.RunReadModel;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Source archives (zip files of a run's code, in the manner of Azure ML's run snapshots): uploaded once per content
 * by their SHA-256 into the organization's source archive store, named by runs as {@code source.archiveDigest}, and
 * read back through a run, by whoever may read the run (the agent that executes it, for one).
 *
 * <p>Uploading needs a role that writes (OWNER, ADMIN, MEMBER: whoever may create runs; not AUDITOR). An archive
 * belongs to the organization, not to a project: the project's role is checked when a run names it (EDITOR, to
 * create or submit the run) and when it is read (VIEWER on the run's project).
 */
@RestController
public class SourceArchiveController {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final SourceArchiveStore archives;
    private final AccessPolicy policy;
    private final RunAccess access;
    private final RunReadModel runs;
    private final long maxBytes;

    SourceArchiveController(SourceArchiveStore archives, AccessPolicy policy, RunAccess access, RunReadModel runs,
                            CairnProperties properties) {
        this.archives = archives;
        this.policy = policy;
        this.access = access;
        this.runs = runs;
        this.maxBytes = properties.maxArtifactSize().toBytes();
    }

    /** A stored source archive: its digest and size in bytes. */
    public record SourceArchive(String sha256, long size) {
    }

    /** Stores the body when its SHA-256 is the path's: 201 the first time, 200 when it was already there. */
    @PutMapping("/api/v1/sources/{sha256}")
    ResponseEntity<SourceArchive> upload(@PathVariable String sha256, HttpServletRequest request) throws IOException {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        requireDigest(sha256);
        if (request.getContentLengthLong() > maxBytes) {
            throw new PayloadTooLargeException("body", "The archive (" + request.getContentLengthLong()
                    + " bytes) exceeds the limit of " + DataSize.ofBytes(maxBytes).toMegabytes() + " MB");
        }
        boolean existed = archives.size(caller.tenantId(), sha256).isPresent();
        StoredBlob blob;
        try (InputStream body = zipOnly(request.getInputStream())) {
            blob = archives.store(caller.tenantId(), body, maxBytes, sha256);
        }
        SourceArchive answer = new SourceArchive(blob.sha256(), blob.size());
        return existed ? ResponseEntity.ok(answer)
                : ResponseEntity.created(URI.create("/api/v1/sources/" + sha256)).body(answer);
    }

    /** Whether the organization holds an archive (so a client can skip the upload); its content is read via a run. */
    @GetMapping("/api/v1/sources/{sha256}")
    SourceArchive describe(@PathVariable String sha256) throws IOException {
        CairnPrincipal caller = policy.caller(Action.READ);
        requireDigest(sha256);
        long size = archives.size(caller.tenantId(), sha256)
                .orElseThrow(() -> new NotFoundException("Source archive", sha256));
        return new SourceArchive(sha256, size);
    }

    /** The archive a run names as {@code source.archiveDigest} (VIEWER on the run's project). */
    @GetMapping("/api/v1/runs/{runId}/source/archive")
    ResponseEntity<InputStreamResource> download(@PathVariable String runId) throws IOException {
        CairnPrincipal caller = access.caller(runId, ProjectRole.VIEWER);
        SourceSnapshot source = runs.get(caller.tenantId(), runId).source();
        if (source == null || source.archiveDigest() == null) {
            throw new NotFoundException("Source archive of run", runId);
        }
        String sha256 = SourceArchiveStore.hex(source.archiveDigest());
        long size = archives.size(caller.tenantId(), sha256)
                .orElseThrow(() -> new NotFoundException("Source archive", sha256));
        return RunArtifacts.attachment(archives.open(caller.tenantId(), sha256), size, sha256,
                "source-" + sha256.substring(0, 12) + ".zip", ZIP);
    }

    private static void requireDigest(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new InvalidInputException("sha256", "The path names a source archive by its SHA-256: 64 lower-case "
                    + "hex characters");
        }
    }

    /** The body, once its first bytes show a zip archive (the only format agents unpack). */
    private static InputStream zipOnly(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (!Arrays.equals(magic, ZIP_ENTRY) && !Arrays.equals(magic, ZIP_EMPTY)) {
            throw new InvalidInputException("body", magic.length >= 2 && (magic[0] & 0xff) == 0x1f
                    && (magic[1] & 0xff) == 0x8b ? "The body is gzip-compressed; source archives are zip files "
                    + "(e.g. git archive --format=zip HEAD)" : "The body is not a zip archive; source archives are zip "
                    + "files (e.g. git archive --format=zip HEAD)");
        }
        return in;
    }
}
