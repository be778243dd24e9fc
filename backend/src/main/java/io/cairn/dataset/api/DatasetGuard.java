package io.cairn.dataset.api;

import io.cairn.run.api.DatasetInput;
import java.util.List;

/** What other contexts may ask of datasets while handling their own commands. */
public interface DatasetGuard {

    /**
     * Resolves dataset version ids of a tenant.
     *
     * @throws io.cairn.common.error.NotFoundException naming the first version that does not exist in the tenant
     */
    List<DatasetInput> requireVersions(String tenantId, List<String> datasetVersionIds, String field);
}
