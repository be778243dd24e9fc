-- Read models of organizations (tenants) and their members' roles.
CREATE TABLE organizations (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    name          VARCHAR(256) NOT NULL,
    created_by    VARCHAR(64),
    creation_time BIGINT       NOT NULL
);

CREATE TABLE org_members (
    tenant_id    VARCHAR(64) NOT NULL,
    principal_id VARCHAR(64) NOT NULL,
    role         VARCHAR(16) NOT NULL,
    since_time   BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, principal_id)
);
CREATE INDEX org_members_by_principal ON org_members (principal_id);
