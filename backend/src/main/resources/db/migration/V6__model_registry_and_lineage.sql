-- Model registry read models (projection "models"). Every row carries its tenant.
CREATE TABLE registered_models (
    tenant_id              VARCHAR(64)     NOT NULL,
    id                     VARCHAR(64)     NOT NULL,
    name                   VARCHAR(256)    NOT NULL,
    description            VARCHAR(8000),
    tags_json              VARCHAR(1000000) NOT NULL,
    protected_aliases_json VARCHAR(10000)  NOT NULL,
    deleted                BOOLEAN         NOT NULL,
    latest_version         INTEGER         NOT NULL,
    created_by             VARCHAR(64)     NOT NULL,
    creation_time          BIGINT          NOT NULL,
    update_time            BIGINT          NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX registered_models_by_name ON registered_models (tenant_id, name);

CREATE TABLE model_versions (
    tenant_id       VARCHAR(64)      NOT NULL,
    model_id        VARCHAR(64)      NOT NULL,
    version         INTEGER          NOT NULL,
    run_id          VARCHAR(64)      NOT NULL,
    project_id      VARCHAR(64)      NOT NULL,
    artifact_path   VARCHAR(1024)    NOT NULL,
    artifact_sha256 VARCHAR(64)      NOT NULL,
    artifact_size   BIGINT           NOT NULL,
    flavor          VARCHAR(16)      NOT NULL,
    signature_json  VARCHAR(1000000),
    description     VARCHAR(8000),
    tags_json       VARCHAR(1000000) NOT NULL,
    stage           VARCHAR(16)      NOT NULL,
    created_by      VARCHAR(64)      NOT NULL,
    creation_time   BIGINT           NOT NULL,
    update_time     BIGINT           NOT NULL,
    PRIMARY KEY (tenant_id, model_id, version)
);
CREATE INDEX model_versions_by_run ON model_versions (tenant_id, run_id);

CREATE TABLE model_aliases (
    tenant_id VARCHAR(64) NOT NULL,
    model_id  VARCHAR(64) NOT NULL,
    alias     VARCHAR(64) NOT NULL,
    version   INTEGER     NOT NULL,
    set_time  BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, model_id, alias)
);

CREATE TABLE model_approvals (
    tenant_id         VARCHAR(64)   NOT NULL,
    model_id          VARCHAR(64)   NOT NULL,
    id                VARCHAR(64)   NOT NULL,
    version           INTEGER       NOT NULL,
    kind              VARCHAR(16)   NOT NULL,
    stage             VARCHAR(16),
    archive_existing  BOOLEAN       NOT NULL,
    alias             VARCHAR(64),
    status            VARCHAR(16)   NOT NULL,
    requested_by      VARCHAR(64)   NOT NULL,
    request_comment   VARCHAR(2000),
    request_time      BIGINT        NOT NULL,
    decided_by        VARCHAR(64),
    decision_comment  VARCHAR(2000),
    decision_time     BIGINT,
    PRIMARY KEY (tenant_id, model_id, id)
);
CREATE INDEX model_approvals_by_time ON model_approvals (tenant_id, model_id, request_time);

-- Lineage graph (projection "lineage"). A node key is '<kind>:<id>'; edges point downstream (from the
-- input to what was made of it) and remember the event, actor and time that created them.
CREATE TABLE lineage_nodes (
    tenant_id       VARCHAR(64)     NOT NULL,
    node_key        VARCHAR(1200)   NOT NULL,
    kind            VARCHAR(32)     NOT NULL,
    id              VARCHAR(1160)   NOT NULL,
    properties_json VARCHAR(200000) NOT NULL,
    event_id        VARCHAR(255)    NOT NULL,
    actor           VARCHAR(64),
    event_time      BIGINT          NOT NULL,
    PRIMARY KEY (tenant_id, node_key)
);

CREATE TABLE lineage_edges (
    tenant_id  VARCHAR(64)   NOT NULL,
    from_key   VARCHAR(1200) NOT NULL,
    to_key     VARCHAR(1200) NOT NULL,
    relation   VARCHAR(32)   NOT NULL,
    event_id   VARCHAR(255)  NOT NULL,
    actor      VARCHAR(64),
    event_time BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, from_key, to_key, relation)
);
CREATE INDEX lineage_edges_by_target ON lineage_edges (tenant_id, to_key);
