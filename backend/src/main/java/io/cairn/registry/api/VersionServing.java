package io.cairn.registry.api;

import java.util.List;

/**
 * Which live deployments serve a model version. The registry asks before deleting a version; the deployment
 * context answers, so the registry does not depend on it.
 */
public interface VersionServing {

    /** Ids of the tenant's deployments serving {@code version} of {@code modelId}, stable or canary. */
    List<String> deploymentsServing(String tenantId, String modelId, int version);
}
