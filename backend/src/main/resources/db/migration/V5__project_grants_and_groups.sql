-- Read models of the "access" projection: groups of organization members, project owners and grants, and
-- project_access, which resolves them into one effective role per (project, principal) for fast checks.
CREATE TABLE org_groups (
    tenant_id     VARCHAR(64)  NOT NULL,
    id            VARCHAR(64)  NOT NULL,
    name          VARCHAR(256) NOT NULL,
    creation_time BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE org_group_members (
    tenant_id    VARCHAR(64) NOT NULL,
    group_id     VARCHAR(64) NOT NULL,
    principal_id VARCHAR(64) NOT NULL,
    since_time   BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, group_id, principal_id)
);
CREATE INDEX org_group_members_by_principal ON org_group_members (tenant_id, principal_id);

CREATE TABLE project_owners (
    tenant_id  VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    owner_id   VARCHAR(64),
    PRIMARY KEY (tenant_id, project_id)
);

-- grantee_type USER: grantee_id is a principal id; GROUP: an org_groups id (grants to deleted groups are dropped).
CREATE TABLE project_grants (
    tenant_id    VARCHAR(64) NOT NULL,
    project_id   VARCHAR(64) NOT NULL,
    grantee_type VARCHAR(8)  NOT NULL,
    grantee_id   VARCHAR(64) NOT NULL,
    role         VARCHAR(16) NOT NULL,
    grant_time   BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, project_id, grantee_type, grantee_id)
);
CREATE INDEX project_grants_by_grantee ON project_grants (tenant_id, grantee_type, grantee_id);

-- The strongest of: MANAGER for the owner, the principal's own grant, the grants of its groups.
CREATE TABLE project_access (
    tenant_id    VARCHAR(64) NOT NULL,
    project_id   VARCHAR(64) NOT NULL,
    principal_id VARCHAR(64) NOT NULL,
    role         VARCHAR(16) NOT NULL,
    PRIMARY KEY (tenant_id, project_id, principal_id)
);
CREATE INDEX project_access_by_principal ON project_access (tenant_id, principal_id, project_id);
