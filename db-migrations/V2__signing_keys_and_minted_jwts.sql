-- JWT signing keys. The private key is sealed with AES-256-GCM under the key-encryption key,
-- which lives in a file, never in the database.
CREATE TABLE signing_key (
    kid          varchar(64)  PRIMARY KEY,
    algorithm    varchar(8)   NOT NULL CHECK (algorithm IN ('RS256', 'ES256')),
    public_key   text         NOT NULL,  -- X.509 SubjectPublicKeyInfo, base64
    private_key  text         NOT NULL,  -- sealed PKCS#8, base64(iv || ciphertext || tag)
    created_at   timestamptz  NOT NULL,  -- published in the JWKS from here on
    activates_at timestamptz  NOT NULL,  -- signs from here on, until a newer key activates
    retired_at   timestamptz,
    signed_until timestamptz,            -- the latest expiry of a token it signed
    CHECK (activates_at >= created_at)
);
CREATE INDEX signing_key_by_activation ON signing_key (activates_at DESC);

-- Every JWT Latch signs, so it can be listed and revoked by jti.
CREATE TABLE minted_jwt (
    jti        uuid          PRIMARY KEY,
    kind       varchar(16)   NOT NULL CHECK (kind IN ('minted', 'internal')),
    sub        varchar(200)  NOT NULL,
    aud        varchar(200)  NOT NULL,
    scope      varchar(2000) NOT NULL,
    kid        varchar(64)   NOT NULL,
    issued_at  timestamptz   NOT NULL,
    expires_at timestamptz   NOT NULL,
    minted_by  varchar(100)  NOT NULL,
    revoked_at timestamptz,
    revoked_by varchar(100)
);
CREATE INDEX minted_jwt_by_issue ON minted_jwt (issued_at DESC, jti DESC);
CREATE INDEX minted_jwt_by_expiry ON minted_jwt (expires_at);
