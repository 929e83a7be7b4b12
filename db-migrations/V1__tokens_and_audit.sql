-- Every opaque secret of every kind. Only the SHA-256 of a token is stored, never the token.
CREATE TABLE token (
    id                uuid         PRIMARY KEY,
    kind              varchar(16)  NOT NULL CHECK (kind IN ('operator', 'service_key', 'join', 'node')),
    name              varchar(63)  NOT NULL,
    description       varchar(500),
    secret_hash       char(64)     NOT NULL UNIQUE,
    hint              char(4)      NOT NULL,
    permissions       varchar(300) NOT NULL,
    allows_privileged boolean      NOT NULL DEFAULT false,
    issued_at         timestamptz  NOT NULL,
    expires_at        timestamptz  NOT NULL,
    revoked_at        timestamptz,
    revoked_by        varchar(100),
    last_used_at      timestamptz,
    created_by        varchar(100) NOT NULL,
    replaced_by       uuid,
    -- true while this token is the one active holder of its name; the index below decides races
    holds_name        boolean      NOT NULL DEFAULT true,
    CHECK (expires_at > issued_at)
);

-- At most one active token per kind and name, decided by the database under concurrent issues.
CREATE UNIQUE INDEX token_active_name ON token (kind, name) WHERE holds_name;
-- Keyset pagination of the token list, newest first.
CREATE INDEX token_by_issue ON token (issued_at DESC, id DESC);
-- The expiry sweep.
CREATE INDEX token_by_expiry ON token (expires_at);

-- The audit log: append-only and hash-chained (hash = SHA-256 of the row's fields and prev_hash).
CREATE SEQUENCE audit_event_seq;
CREATE TABLE audit_event (
    id             bigint        PRIMARY KEY,
    at             timestamptz   NOT NULL,
    actor          varchar(100),
    actor_token_id uuid,
    action         varchar(64)   NOT NULL,
    target         varchar(200),
    outcome        varchar(16)   NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    status         integer       NOT NULL,
    code           varchar(32),
    source_ip      varchar(64),
    user_agent     varchar(256),
    request_id     varchar(64),
    detail         varchar(1000),
    prev_hash      char(64)      NOT NULL,
    hash           char(64)      NOT NULL UNIQUE
);
CREATE INDEX audit_event_by_time ON audit_event (at);

-- Append-only: the application only ever inserts; anything else is refused here too.
CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
