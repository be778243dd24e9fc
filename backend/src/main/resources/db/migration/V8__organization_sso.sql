-- Per-organization SSO: the external OpenID provider and its claim mapping (the "organizations" projection of
-- SsoConfigured / SsoRemoved), and the client secret, which is never in an event: encrypted with AES-256-GCM under
-- the key in $CAIRN_DATA_DIR/sso/secret-key, written by the API, untouched by projection replays.
CREATE TABLE org_sso (
    tenant_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
    issuer_uri   VARCHAR(1000) NOT NULL,
    client_id    VARCHAR(256)  NOT NULL,
    default_role VARCHAR(16)   NOT NULL,
    updated_time BIGINT        NOT NULL
);

CREATE TABLE org_sso_mappings (
    tenant_id   VARCHAR(64)  NOT NULL,
    position    INT          NOT NULL,
    claim       VARCHAR(256) NOT NULL,
    claim_value VARCHAR(256) NOT NULL,
    role        VARCHAR(16),
    group_id    VARCHAR(64),
    PRIMARY KEY (tenant_id, position)
);

CREATE TABLE org_sso_secrets (
    tenant_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    ciphertext    VARCHAR(2000) NOT NULL,
    changed_time  BIGINT        NOT NULL
);

-- Users provisioned just in time by an organization's SSO, known by (organization, issuer, subject): never by
-- name, so that no identity provider can take over a local user or another organization's user.
CREATE TABLE sso_identities (
    tenant_id    VARCHAR(64)   NOT NULL,
    issuer_uri   VARCHAR(1000) NOT NULL,
    subject      VARCHAR(255)  NOT NULL,
    principal_id VARCHAR(64)   NOT NULL REFERENCES principals (id),
    last_sign_in BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, issuer_uri, subject)
);
