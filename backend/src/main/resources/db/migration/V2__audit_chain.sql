-- Tamper evidence: the newest digest of each tenant's hash chain, locked by every append of that tenant.
CREATE TABLE audit_chain_heads (
    tenant_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    last_digest   VARCHAR(64) NOT NULL,
    last_event_id VARCHAR(255)
);

-- Read model of the audit log: one row per event, payloads stay in the event store.
CREATE TABLE audit_events (
    tenant_id       VARCHAR(64)  NOT NULL,
    global_index    BIGINT       NOT NULL,
    event_id        VARCHAR(255) NOT NULL,
    event_time      BIGINT       NOT NULL,
    actor           VARCHAR(64),
    aggregate_type  VARCHAR(255),
    aggregate_id    VARCHAR(255),
    sequence_number BIGINT,
    event_type      VARCHAR(255) NOT NULL,
    correlation_id  VARCHAR(255),
    PRIMARY KEY (tenant_id, global_index)
);
CREATE INDEX audit_events_by_actor ON audit_events (tenant_id, actor, global_index);
CREATE INDEX audit_events_by_aggregate ON audit_events (tenant_id, aggregate_id, global_index);
