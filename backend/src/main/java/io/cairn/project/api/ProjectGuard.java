package io.cairn.project.api;

/** What other contexts may ask of a project while handling their own commands. */
public interface ProjectGuard {

    /**
     * Fails unless the project exists in the tenant and is not archived.
     *
     * @param field the request field that named the project, for the error
     * @throws io.cairn.common.error.NotFoundException when it does not exist in the tenant
     * @throws io.cairn.common.error.ConflictException when it is archived
     */
    void requireAcceptsRuns(String tenantId, String projectId, String field);
}
