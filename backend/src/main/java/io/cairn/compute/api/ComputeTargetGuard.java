package io.cairn.compute.api;

/** Lets other aggregates check compute targets without reading a (possibly stale) read model. */
public interface ComputeTargetGuard {

    /**
     * The kind of an existing, not deleted target of the tenant.
     *
     * @throws io.cairn.common.error.NotFoundException naming {@code field} otherwise
     */
    String requireKind(String tenantId, String targetId, String field);
}
