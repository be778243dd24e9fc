package io.cairn.registry.query;

import io.cairn.registry.api.ModelSignature;
import java.util.List;
import java.util.Map;

/**
 * A registered model as the API shows it: its aliases (alias → version) and which aliases need approval to
 * move. Times are epoch milliseconds.
 */
public record ModelView(String id, String name, String description, Map<String, String> tags,
                        Map<String, Integer> aliases, List<String> protectedAliases, int latestVersion,
                        boolean deleted, String createdBy, long creationTime, long lastUpdateTime) {

    /** One version: where it came from (run, artifact and its digest), how to load it, where it stands. */
    public record Version(String id, String modelId, int version, String runId, String projectId, String artifactPath,
                          String artifactSha256, long artifactSize, String flavor, ModelSignature signature,
                          String description, Map<String, String> tags, String stage, List<String> aliases,
                          String createdBy, long creationTime, long lastUpdateTime) {
    }

    /**
     * A change waiting for (or decided by) an approver: {@code kind} STAGE with {@code stage}, or ALIAS with
     * {@code alias}. {@code status} is PENDING, APPROVED, REJECTED or
     * WITHDRAWN (the version was deleted while the request was pending).
     */
    public record Approval(String id, String modelId, int version, String kind, String stage,
                           boolean archiveExistingVersions, String alias, String status, String requestedBy,
                           String requestComment, long requestTime, String decidedBy, String decisionComment,
                           Long decisionTime) {
    }
}
