package io.cairn.run.command;

import io.cairn.artifact.SourceArchiveStore;
import io.cairn.common.error.NotFoundException;
import io.cairn.run.api.SourceArchiveGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/** Answers from the tenant's {@link SourceArchiveStore}. */
@Component
class StoredSourceArchiveGuard implements SourceArchiveGuard {

    private final SourceArchiveStore archives;

    StoredSourceArchiveGuard(SourceArchiveStore archives) {
        this.archives = archives;
    }

    @Override
    public void requireArchive(String tenantId, String archiveDigest, String field) {
        try {
            if (archives.size(tenantId, SourceArchiveStore.hex(archiveDigest)).isEmpty()) {
                throw new NotFoundException("Source archive", archiveDigest, field);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
