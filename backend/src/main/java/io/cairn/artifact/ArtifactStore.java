package io.cairn.artifact;

import java.io.IOException;
import java.io.InputStream;

/**
 * Content-addressed blob storage for run artifacts, per tenant. Blobs are named by their SHA-256, so the
 * same file logged twice is stored once and a digest in an event always identifies exactly one content.
 */
public interface ArtifactStore {

    /**
     * Streams {@code content} into the store without holding it in memory.
     *
     * @throws io.cairn.common.error.PayloadTooLargeException when more than {@code maxBytes} arrive
     */
    StoredBlob store(String tenantId, InputStream content, long maxBytes) throws IOException;

    /** Opens a stored blob for reading; the caller closes it. */
    InputStream open(String tenantId, String sha256) throws IOException;

    record StoredBlob(String sha256, long size) {
    }
}
