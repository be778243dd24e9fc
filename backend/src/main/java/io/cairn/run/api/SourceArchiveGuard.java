package io.cairn.run.api;

/** What the run context asks of the source archive store while handling its commands. */
public interface SourceArchiveGuard {

    /**
     * Fails unless the tenant's source archive store holds {@code archiveDigest} ({@code <64 hex>} or
     * {@code sha256:<64 hex>}).
     *
     * @throws io.cairn.common.error.NotFoundException naming {@code field} when it does not
     */
    void requireArchive(String tenantId, String archiveDigest, String field);
}
