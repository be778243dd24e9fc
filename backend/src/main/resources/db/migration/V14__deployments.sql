-- Deployments ("deployments" projection): one row per live deployment; a deleted deployment's row is removed.
-- What the local supervisor observes of its model-server processes (status, port) is not stored here: it is
-- runtime state of the backend that runs them (see docs/architecture.md, "Deployments").
CREATE TABLE deployments (
    tenant_id        VARCHAR(64)   NOT NULL,
    id               VARCHAR(64)   NOT NULL,
    name             VARCHAR(256)  NOT NULL,
    target           VARCHAR(16)   NOT NULL,
    project_id       VARCHAR(64)   NOT NULL,
    model_id         VARCHAR(64)   NOT NULL,
    replicas         INT           NOT NULL,
    stable_version   INT           NOT NULL,
    stable_alias     VARCHAR(64),
    stable_sha256    VARCHAR(64)   NOT NULL,
    canary_version   INT,
    canary_alias     VARCHAR(64),
    canary_sha256    VARCHAR(64),
    canary_percent   INT,
    created_by       VARCHAR(128)  NOT NULL,
    creation_time    BIGINT        NOT NULL,
    update_time      BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX deployments_by_model ON deployments (tenant_id, model_id);
CREATE INDEX deployments_by_project ON deployments (tenant_id, project_id);
