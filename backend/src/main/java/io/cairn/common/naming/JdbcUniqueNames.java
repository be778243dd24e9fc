package io.cairn.common.naming;

import io.cairn.common.error.ConflictException;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
public class JdbcUniqueNames implements UniqueNames {

    private final JdbcClient jdbc;

    public JdbcUniqueNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(String tenantId, String scope, String name, String ownerId, String field) {
        Optional<String> owner = jdbc.sql("SELECT owner_id FROM unique_names WHERE tenant_id = ? AND scope = ? AND name = ?")
                .params(tenantId, scope, name).query(String.class).optional();
        if (owner.isPresent()) {
            if (owner.get().equals(ownerId)) {
                return;
            }
            throw taken(scope, name, field);
        }
        try {
            jdbc.sql("INSERT INTO unique_names (tenant_id, scope, name, owner_id) VALUES (?, ?, ?, ?)")
                    .params(tenantId, scope, name, ownerId).update();
        } catch (DuplicateKeyException e) {
            throw taken(scope, name, field);
        }
    }

    @Override
    public void release(String tenantId, String scope, String name, String ownerId) {
        jdbc.sql("DELETE FROM unique_names WHERE tenant_id = ? AND scope = ? AND name = ? AND owner_id = ?")
                .params(tenantId, scope, name, ownerId).update();
    }

    private static ConflictException taken(String scope, String name, String field) {
        return new ConflictException(field, "A " + scope + " named '" + name + "' already exists");
    }
}
