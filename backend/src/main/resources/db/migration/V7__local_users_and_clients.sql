-- Sign-in with the embedded OpenID provider: passwords of local users and the OAuth2 clients of service
-- accounts. Secrets are stored only as adaptive hashes ({argon2}…); none of this is ever in an event.
CREATE TABLE local_credentials (
    principal_id  VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES principals (id),
    password_hash VARCHAR(255) NOT NULL,
    changed_time  BIGINT       NOT NULL
);

CREATE TABLE service_accounts (
    principal_id  VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES principals (id),
    tenant_id     VARCHAR(64)  NOT NULL,
    name          VARCHAR(64)  NOT NULL,
    client_id     VARCHAR(128) NOT NULL UNIQUE,
    secret_hash   VARCHAR(255) NOT NULL,
    created_by    VARCHAR(64)  NOT NULL,
    creation_time BIGINT       NOT NULL,
    UNIQUE (tenant_id, name)
);
