package io.cairn.artifact;

import io.cairn.common.CairnProperties;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The source archives runs name as {@code source.archiveDigest}: content-addressed per tenant like artifacts, but
 * under {@code $CAIRN_DATA_DIR/sources}, a namespace of their own, so a run's archive digest only ever names content
 * uploaded as a source archive (never another project's artifact whose digest someone learnt).
 */
@Component
public class SourceArchiveStore {

    private final ArtifactStore blobs;

    SourceArchiveStore(CairnProperties properties) throws IOException {
        this.blobs = new FileSystemArtifactStore(properties.dataDir().resolve("sources"));
    }

    /** Streams an archive in; kept only when its SHA-256 is {@code sha256}. */
    public ArtifactStore.StoredBlob store(String tenantId, InputStream content, long maxBytes, String sha256)
            throws IOException {
        return blobs.store(tenantId, content, maxBytes, sha256);
    }

    public Optional<Long> size(String tenantId, String sha256) throws IOException {
        return blobs.size(tenantId, sha256);
    }

    public InputStream open(String tenantId, String sha256) throws IOException {
        return blobs.open(tenantId, sha256);
    }

    /** The 64 hex digits of an archive digest written with or without its {@code sha256:} prefix. */
    public static String hex(String archiveDigest) {
        return archiveDigest.startsWith("sha256:") ? archiveDigest.substring("sha256:".length()) : archiveDigest;
    }
}
