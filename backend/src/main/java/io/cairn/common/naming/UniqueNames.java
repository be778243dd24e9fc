package io.cairn.common.naming;

/**
 * Set-based validation for names that must be unique within a tenant (project names, dataset names).
 * Claims are made inside the command's unit of work, so they commit or roll back with its events.
 */
public interface UniqueNames {

    /**
     * Reserves {@code name} in {@code scope} for {@code ownerId}.
     *
     * @throws io.cairn.common.error.ConflictException when another owner holds the name
     */
    void claim(String tenantId, String scope, String name, String ownerId, String field);

    void release(String tenantId, String scope, String name, String ownerId);
}
