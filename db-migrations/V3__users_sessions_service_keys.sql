-- People and services. A person has a password hash (PBKDF2, never the password); a service user has
-- none and authenticates with lsk_ keys held in token.
CREATE TABLE app_user (
    id                  uuid         PRIMARY KEY,
    username            varchar(63)  NOT NULL UNIQUE,
    password_hash       varchar(400),
    role                varchar(16)  NOT NULL CHECK (role IN ('admin', 'operator', 'auditor', 'viewer')),
    service             boolean      NOT NULL,
    created_at          timestamptz  NOT NULL,
    created_by          varchar(100) NOT NULL,
    password_changed_at timestamptz,
    disabled_at         timestamptz,
    disabled_by         varchar(100),
    CHECK (service OR password_hash IS NOT NULL)
);

-- Who owns a token: the user that issued it, or the service user a key belongs to.
ALTER TABLE token ADD COLUMN owner_id uuid REFERENCES app_user (id);
CREATE INDEX token_by_owner ON token (owner_id) WHERE owner_id IS NOT NULL;

-- Login sessions are JWTs too: recorded with their owner so they can be listed and revoked.
ALTER TABLE minted_jwt DROP CONSTRAINT minted_jwt_kind_check;
ALTER TABLE minted_jwt ADD CONSTRAINT minted_jwt_kind_check CHECK (kind IN ('minted', 'internal', 'session'));
ALTER TABLE minted_jwt ADD COLUMN owner_id uuid REFERENCES app_user (id);
CREATE INDEX minted_jwt_by_owner ON minted_jwt (owner_id) WHERE owner_id IS NOT NULL;

-- Failed logins, shared by every node so the throttle holds across the cluster.
CREATE TABLE login_failure (
    id        bigserial    PRIMARY KEY,
    username  varchar(63)  NOT NULL,
    source_ip varchar(64)  NOT NULL,
    at        timestamptz  NOT NULL
);
CREATE INDEX login_failure_by_user ON login_failure (username, at);
CREATE INDEX login_failure_by_source ON login_failure (source_ip, at);
