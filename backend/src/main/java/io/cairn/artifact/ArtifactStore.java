package io.cairn.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed blob storage per tenant (run artifacts; source archives in a store of their own). Blobs are named by their SHA-256, so the
 * same file logged twice is stored once and a digest in an event always identifies exactly one content.
 */
public interface ArtifactStore {

    /**
     * Streams {@code content} into the store without holding it in memory.
     *
     * @throws io.cairn.common.error.PayloadTooLargeException when more than {@code maxBytes} arrive
     */
    default StoredBlob store(String tenantId, InputStream content, long maxBytes) throws IOException {
        return store(tenantId, content, maxBytes, null);
    }

    /**
     * Like {@link #store(String, InputStream, long)}, but keeps the content only when its SHA-256 is
     * {@code expectedSha256} (null: any).
     *
     * @throws io.cairn.common.error.InvalidInputException (field {@code body}) when the digest differs; nothing is kept
     */
    StoredBlob store(String tenantId, InputStream content, long maxBytes, String expectedSha256) throws IOException;

    /** The size of a stored blob, or empty when the tenant holds no blob with that digest. */
    Optional<Long> size(String tenantId, String sha256) throws IOException;

    /** Opens a stored blob for reading; the caller closes it. */
    InputStream open(String tenantId, String sha256) throws IOException;

    record StoredBlob(String sha256, long size) {
    }
}
