package io.cairn.tenancy.query;

import io.cairn.common.messaging.MessageMetadata;
import io.cairn.tenancy.api.OrganizationEvent.MemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRoleChangedEvent;
import io.cairn.tenancy.api.OrganizationEvent.OrganizationCreatedEvent;
import io.cairn.tenancy.api.OrganizationEvent.OrganizationRenamedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Feeds {@code organizations} and {@code org_members}, which every request's authentication reads. */
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

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM org_members").update();
        jdbc.sql("DELETE FROM organizations").update();
    }
}
