-- Axon event store (JDBC engine, default EventSchema names; unquoted identifiers fold to lower case).
CREATE TABLE domainevententry (
    globalindex         BIGSERIAL    NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalindex),
    UNIQUE (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

CREATE TABLE snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

-- Set-based validation claimed inside the command's transaction (unique names per tenant).
CREATE TABLE unique_names (
    tenant_id VARCHAR(64)  NOT NULL,
    scope     VARCHAR(32)  NOT NULL,
    name      VARCHAR(256) NOT NULL,
    owner_id  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant_id, scope, name)
);

-- Identity (credentials are not events: they hold secrets; only hashes are stored).
CREATE TABLE principals (
    id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id      VARCHAR(64)  NOT NULL,
    username       VARCHAR(128) NOT NULL UNIQUE,
    platform_admin BOOLEAN      NOT NULL,
    creation_time  BIGINT       NOT NULL
);

CREATE TABLE access_tokens (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    principal_id  VARCHAR(64)  NOT NULL REFERENCES principals (id),
    tenant_id     VARCHAR(64)  NOT NULL,
    name          VARCHAR(128) NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL UNIQUE,
    creation_time BIGINT       NOT NULL,
    expiry_time   BIGINT,
    revoked_time  BIGINT
);

-- Read models (projections). Every row carries its tenant.
CREATE TABLE projects (
    tenant_id     VARCHAR(64)   NOT NULL,
    id            VARCHAR(64)   NOT NULL,
    name          VARCHAR(256)  NOT NULL,
    description   VARCHAR(8000),
    archived      BOOLEAN       NOT NULL,
    created_by    VARCHAR(64)   NOT NULL,
    creation_time BIGINT        NOT NULL,
    update_time   BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX projects_by_creation ON projects (tenant_id, creation_time);

CREATE TABLE project_tags (
    tenant_id  VARCHAR(64)   NOT NULL,
    project_id VARCHAR(64)   NOT NULL,
    tag_key    VARCHAR(250)  NOT NULL,
    tag_value  VARCHAR(8000) NOT NULL,
    PRIMARY KEY (tenant_id, project_id, tag_key)
);

CREATE TABLE runs (
    tenant_id        VARCHAR(64)  NOT NULL,
    id               VARCHAR(64)  NOT NULL,
    project_id       VARCHAR(64)  NOT NULL,
    name             VARCHAR(256) NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    created_by       VARCHAR(64)  NOT NULL,
    start_time       BIGINT       NOT NULL,
    end_time         BIGINT,
    source_json      VARCHAR(20000),
    environment_json VARCHAR(100000),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX runs_by_project ON runs (tenant_id, project_id, start_time);

CREATE TABLE run_params (
    tenant_id   VARCHAR(64)   NOT NULL,
    run_id      VARCHAR(64)   NOT NULL,
    param_key   VARCHAR(250)  NOT NULL,
    param_value VARCHAR(6000) NOT NULL,
    PRIMARY KEY (tenant_id, run_id, param_key)
);
CREATE INDEX run_params_by_key ON run_params (tenant_id, param_key, param_value);

CREATE TABLE run_tags (
    tenant_id VARCHAR(64)   NOT NULL,
    run_id    VARCHAR(64)   NOT NULL,
    tag_key   VARCHAR(250)  NOT NULL,
    tag_value VARCHAR(8000) NOT NULL,
    PRIMARY KEY (tenant_id, run_id, tag_key)
);
CREATE INDEX run_tags_by_key ON run_tags (tenant_id, tag_key);

CREATE TABLE run_latest_metrics (
    tenant_id    VARCHAR(64)      NOT NULL,
    run_id       VARCHAR(64)      NOT NULL,
    metric_key   VARCHAR(250)     NOT NULL,
    metric_value DOUBLE PRECISION NOT NULL,
    step         BIGINT           NOT NULL,
    ts           BIGINT           NOT NULL,
    PRIMARY KEY (tenant_id, run_id, metric_key)
);
CREATE INDEX run_latest_metrics_by_key ON run_latest_metrics (tenant_id, metric_key, metric_value);

CREATE TABLE run_inputs (
    tenant_id          VARCHAR(64) NOT NULL,
    run_id             VARCHAR(64) NOT NULL,
    dataset_version_id VARCHAR(80) NOT NULL,
    dataset_id         VARCHAR(64) NOT NULL,
    declaration_time   BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, run_id, dataset_version_id)
);

CREATE TABLE run_artifacts (
    tenant_id    VARCHAR(64)   NOT NULL,
    run_id       VARCHAR(64)   NOT NULL,
    path         VARCHAR(1024) NOT NULL,
    sha256       VARCHAR(64)   NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    content_type VARCHAR(255),
    logged_time  BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, run_id, path)
);

-- Metric history: one row per (batch, key), points packed in a binary chunk.
CREATE TABLE metric_chunks (
    tenant_id   VARCHAR(64)  NOT NULL,
    run_id      VARCHAR(64)  NOT NULL,
    metric_key  VARCHAR(250) NOT NULL,
    batch_seq   BIGINT       NOT NULL,
    point_count INTEGER      NOT NULL,
    min_step    BIGINT       NOT NULL,
    max_step    BIGINT       NOT NULL,
    points      BYTEA        NOT NULL,
    PRIMARY KEY (tenant_id, run_id, metric_key, batch_seq)
);

CREATE TABLE datasets (
    tenant_id          VARCHAR(64)   NOT NULL,
    id                 VARCHAR(64)   NOT NULL,
    name               VARCHAR(256)  NOT NULL,
    description        VARCHAR(8000),
    deprecated         BOOLEAN       NOT NULL,
    deprecation_reason VARCHAR(2000),
    latest_version     INTEGER       NOT NULL,
    created_by         VARCHAR(64)   NOT NULL,
    creation_time      BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE dataset_versions (
    tenant_id     VARCHAR(64)    NOT NULL,
    id            VARCHAR(80)    NOT NULL,
    dataset_id    VARCHAR(64)    NOT NULL,
    version       INTEGER        NOT NULL,
    uri           VARCHAR(2048)  NOT NULL,
    digest        VARCHAR(200)   NOT NULL,
    size_bytes    BIGINT,
    schema_json   VARCHAR(100000),
    created_by    VARCHAR(64)    NOT NULL,
    creation_time BIGINT         NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX dataset_versions_by_dataset ON dataset_versions (tenant_id, dataset_id, version);
