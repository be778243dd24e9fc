-- Compute: targets, agents and the execution state of submitted runs ("compute" projection), plus run log chunks
-- and agent heartbeats, which are operational data written by the API (not events; untouched by replays).
CREATE TABLE compute_targets (
    tenant_id      VARCHAR(64)   NOT NULL,
    id             VARCHAR(64)   NOT NULL,
    name           VARCHAR(256)  NOT NULL,
    kind           VARCHAR(16)   NOT NULL,
    settings_json  VARCHAR(4000),
    deleted        BOOLEAN       NOT NULL,
    created_by     VARCHAR(128)  NOT NULL,
    creation_time  BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE compute_agents (
    tenant_id         VARCHAR(64)   NOT NULL,
    id                VARCHAR(64)   NOT NULL,
    principal_id      VARCHAR(128)  NOT NULL,
    name              VARCHAR(256)  NOT NULL,
    kinds             VARCHAR(256)  NOT NULL,
    target_ids        VARCHAR(4000) NOT NULL,
    lease_ttl_seconds INT           NOT NULL,
    registration_time BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE compute_agent_heartbeats (
    tenant_id      VARCHAR(64) NOT NULL,
    agent_id       VARCHAR(64) NOT NULL,
    heartbeat_time BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, agent_id)
);

CREATE TABLE run_executions (
    tenant_id        VARCHAR(64)   NOT NULL,
    run_id           VARCHAR(64)   NOT NULL,
    project_id       VARCHAR(64)   NOT NULL,
    target_id        VARCHAR(64)   NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    spec_json        VARCHAR(200000)        NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempt          INT           NOT NULL,
    max_attempts     INT           NOT NULL,
    agent_id         VARCHAR(64),
    lease_expires_at BIGINT,
    exit_code        INT,
    reason           VARCHAR(2000),
    submission_time  BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, run_id)
);
CREATE INDEX run_executions_queue ON run_executions (tenant_id, target_id, status, submission_time);

CREATE TABLE run_attempts (
    tenant_id   VARCHAR(64)   NOT NULL,
    run_id      VARCHAR(64)   NOT NULL,
    attempt     INT           NOT NULL,
    agent_id    VARCHAR(64)   NOT NULL,
    start_time  BIGINT        NOT NULL,
    end_time    BIGINT,
    outcome     VARCHAR(16),
    exit_code   INT,
    reason      VARCHAR(2000),
    PRIMARY KEY (tenant_id, run_id, attempt)
);

CREATE TABLE run_log_chunks (
    tenant_id   VARCHAR(64)  NOT NULL,
    run_id      VARCHAR(64)  NOT NULL,
    seq         BIGINT       NOT NULL,
    stream      VARCHAR(8)   NOT NULL,
    text        VARCHAR(65536) NOT NULL,
    logged_time BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, run_id, seq)
);
