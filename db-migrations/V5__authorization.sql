-- The scope patterns a token may put into JWTs it mints for other services (space-separated;
-- empty: none). An admin mints any scope without them.
ALTER TABLE token ADD COLUMN mint_scopes varchar(4200) NOT NULL DEFAULT '';

-- A signing key revoked as compromised: out of the JWKS, and nothing it signed verifies.
ALTER TABLE signing_key ADD COLUMN revoked_at timestamptz;

-- Revoked JWTs that Latch did not sign (HS256, bus --local): only their jti is known.
CREATE TABLE revoked_jti (
    jti        varchar(200) PRIMARY KEY,
    expires_at timestamptz  NOT NULL,
    revoked_at timestamptz  NOT NULL,
    revoked_by varchar(200) NOT NULL
);
