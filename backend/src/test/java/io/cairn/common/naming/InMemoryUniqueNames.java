package io.cairn.common.naming;

import io.cairn.common.error.ConflictException;
import java.util.HashMap;
import java.util.Map;

/** Test double for aggregate fixtures; the JDBC implementation is exercised by the HTTP tests. */
public class InMemoryUniqueNames implements UniqueNames {

    private final Map<String, String> owners = new HashMap<>();

    @Override
    public void claim(String tenantId, String scope, String name, String ownerId, String field) {
        String owner = owners.putIfAbsent(tenantId + "/" + scope + "/" + name, ownerId);
        if (owner != null && !owner.equals(ownerId)) {
            throw new ConflictException(field, "A " + scope + " named '" + name + "' already exists");
        }
    }

    @Override
    public void release(String tenantId, String scope, String name, String ownerId) {
        owners.remove(tenantId + "/" + scope + "/" + name, ownerId);
    }
}
