package io.cairn.tenancy.query;

import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.SsoClaimMapping;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Organizations' SSO settings as the {@code organizations} projection keeps them (never the client secret). */
@Component
public class SsoReadModel {

    private final JdbcClient jdbc;

    public SsoReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record SsoSettings(String tenantId, String issuerUri, String clientId, OrgRole defaultRole,
                              List<SsoClaimMapping> mappings, long updatedTime) {
    }

    public Optional<SsoSettings> find(String tenantId) {
        return jdbc.sql("SELECT issuer_uri, client_id, default_role, updated_time FROM org_sso WHERE tenant_id = ?")
                .param(tenantId)
                .query((rs, n) -> new SsoSettings(tenantId, rs.getString(1), rs.getString(2),
                        OrgRole.valueOf(rs.getString(3)), List.of(), rs.getLong(4)))
                .optional()
                .map(settings -> new SsoSettings(tenantId, settings.issuerUri(), settings.clientId(),
                        settings.defaultRole(), mappings(tenantId), settings.updatedTime()));
    }

    /** The organizations whose SSO uses {@code issuerUri}, by id. */
    public List<String> organizationsWithIssuer(String issuerUri) {
        return jdbc.sql("SELECT tenant_id FROM org_sso WHERE issuer_uri = ? ORDER BY tenant_id").param(issuerUri)
                .query(String.class).list();
    }

    private List<SsoClaimMapping> mappings(String tenantId) {
        return jdbc.sql("SELECT claim, claim_value, role, group_id FROM org_sso_mappings WHERE tenant_id = ? "
                        + "ORDER BY position")
                .param(tenantId)
                .query((rs, n) -> new SsoClaimMapping(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? null : OrgRole.valueOf(rs.getString(3)), rs.getString(4)))
                .list();
    }
}
