-- Expiry warnings (dev.latch.expiry): one row per credential (token.id or minted_jwt.jti) and
-- threshold crossed. The primary key makes a warning happen once however many nodes look at once:
-- the timer inserts with ON CONFLICT DO NOTHING. What the warning names is kept with it, so every
-- delivery says the same thing even after the credential is renamed or purged.
CREATE TABLE expiry_warning (
    credential_id uuid         NOT NULL,
    threshold     varchar(16)  NOT NULL,  -- as configured in latch.expiry.thresholds, e.g. 7d
    kind          varchar(16)  NOT NULL,
    name          varchar(200) NOT NULL,  -- a token's name, a JWT's sub
    owner_id      uuid,
    expires_at    timestamptz  NOT NULL,
    warned_at     timestamptz  NOT NULL,
    PRIMARY KEY (credential_id, threshold)
);
-- purged with the credential records they name
CREATE INDEX expiry_warning_by_expiry ON expiry_warning (expires_at);

-- One webhook delivery per warning and configured URL, and its log. The body is fixed when the
-- delivery is created, so every retry carries the same bytes and the same signature. A node claims
-- due rows with FOR UPDATE SKIP LOCKED and moves next_attempt_at past its request timeout before it
-- sends, so no other node sends the same delivery meanwhile.
CREATE TABLE webhook_delivery (
    id              uuid          PRIMARY KEY,
    credential_id   uuid          NOT NULL,
    threshold       varchar(16)   NOT NULL,
    url             varchar(2000) NOT NULL,
    body            text          NOT NULL,
    status          varchar(16)   NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts        integer       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at      timestamptz   NOT NULL,
    next_attempt_at timestamptz,  -- null once delivered or failed
    last_attempt_at timestamptz,
    last_status     integer,      -- the receiver's last HTTP status
    last_error      varchar(500), -- or why there was none (timeout, refused connection)
    delivered_at    timestamptz,
    UNIQUE (credential_id, threshold, url),
    FOREIGN KEY (credential_id, threshold) REFERENCES expiry_warning ON DELETE CASCADE,
    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);
-- what is due, for the sender
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
-- GET /api/v1/webhooks/deliveries, newest first
CREATE INDEX webhook_delivery_by_creation ON webhook_delivery (created_at DESC, id DESC);
