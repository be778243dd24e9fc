package io.cairn.tenancy.query;

import io.cairn.common.messaging.MessageMetadata;
import io.cairn.tenancy.api.OrganizationEvent.MemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRoleChangedEvent;
import io.cairn.tenancy.api.OrganizationEvent.OrganizationCreatedEvent;
import io.cairn.tenancy.api.OrganizationEvent.OrganizationRenamedEvent;
import io.cairn.tenancy.api.OrganizationEvent.SsoConfiguredEvent;
import io.cairn.tenancy.api.OrganizationEvent.SsoRemovedEvent;
import io.cairn.tenancy.api.SsoClaimMapping;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code organizations} and {@code org_members}, which every request's authentication reads, and the SSO
 * settings {@code org_sso} and {@code org_sso_mappings}.
 */
@Component
@ProcessingGroup("organizations")
public class OrganizationProjection {

    private final JdbcClient jdbc;

    public OrganizationProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganizationCreatedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal,
            @Timestamp Instant time) {
        jdbc.sql("INSERT INTO organizations (id, name, created_by, creation_time) VALUES (?, ?, ?, ?)")
                .params(event.orgId(), event.name(), principal, time.toEpochMilli()).update();
    }

    @EventHandler
    void on(OrganizationRenamedEvent event) {
        jdbc.sql("UPDATE organizations SET name = ? WHERE id = ?").params(event.name(), event.orgId()).update();
    }

    @EventHandler
    void on(MemberAddedEvent event, @Timestamp Instant time) {
        jdbc.sql("INSERT INTO org_members (tenant_id, principal_id, role, since_time) VALUES (?, ?, ?, ?)")
                .params(event.orgId(), event.principalId(), event.role().name(), time.toEpochMilli()).update();
    }

    @EventHandler
    void on(MemberRoleChangedEvent event) {
        jdbc.sql("UPDATE org_members SET role = ? WHERE tenant_id = ? AND principal_id = ?")
                .params(event.role().name(), event.orgId(), event.principalId()).update();
    }

    @EventHandler
    void on(MemberRemovedEvent event) {
        jdbc.sql("DELETE FROM org_members WHERE tenant_id = ? AND principal_id = ?")
                .params(event.orgId(), event.principalId()).update();
    }

    @EventHandler
    void on(SsoConfiguredEvent event, @Timestamp Instant time) {
        removeSso(event.orgId());
        jdbc.sql("INSERT INTO org_sso (tenant_id, issuer_uri, client_id, default_role, updated_time) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(event.orgId(), event.issuerUri(), event.clientId(), event.defaultRole().name(),
                        time.toEpochMilli())
                .update();
        for (int i = 0; i < event.mappings().size(); i++) {
            SsoClaimMapping mapping = event.mappings().get(i);
            jdbc.sql("INSERT INTO org_sso_mappings (tenant_id, position, claim, claim_value, role, group_id) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(event.orgId(), i, mapping.claim(), mapping.value(),
                            mapping.role() == null ? null : mapping.role().name(), mapping.groupId())
                    .update();
        }
    }

    @EventHandler
    void on(SsoRemovedEvent event) {
        removeSso(event.orgId());
    }

    private void removeSso(String tenantId) {
        jdbc.sql("DELETE FROM org_sso_mappings WHERE tenant_id = ?").param(tenantId).update();
        jdbc.sql("DELETE FROM org_sso WHERE tenant_id = ?").param(tenantId).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM org_sso_mappings").update();
        jdbc.sql("DELETE FROM org_sso").update();
        jdbc.sql("DELETE FROM org_members").update();
        jdbc.sql("DELETE FROM organizations").update();
    }
}
