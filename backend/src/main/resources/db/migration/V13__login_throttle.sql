-- Failed password checks per username and per client address, shared by every instance of a cluster (so two
-- instances do not give an attacker twice the attempts) and kept across restarts. Keys are SHA-256 digests of
-- "user:<name>" or "address:<ip>": what someone typed as a username is never stored in clear.
CREATE TABLE login_throttle (
    key_digest   CHAR(64) NOT NULL PRIMARY KEY,
    failures     INT      NOT NULL,
    lockouts     INT      NOT NULL,
    last_failure BIGINT   NOT NULL,
    locked_until BIGINT   NOT NULL
);

CREATE INDEX login_throttle_by_age ON login_throttle (last_failure);
