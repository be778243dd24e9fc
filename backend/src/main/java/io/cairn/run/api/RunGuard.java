package io.cairn.run.api;

/** What other contexts may ask of runs while handling their own commands. */
public interface RunGuard {

    /**
     * The artifact a run of the tenant holds at {@code path}, as last logged.
     *
     * @param runField  the request field that named the run, for the error
     * @param pathField the request field that named the path, for the error
     * @throws io.cairn.common.error.NotFoundException when the run does not exist in the tenant, or has no
     *                                                 artifact at that path
     */
    RunArtifact requireArtifact(String tenantId, String runId, String path, String runField, String pathField);
}
