-- Every change that can end a credential is announced on the channel latch_credentials, with the
-- subject each node's validation cache files it under (security/control/CredentialRecord):
-- token:<id>, jwt:<jti>, key:<kid>. PostgreSQL delivers it when the transaction commits, to every
-- node listening (security/control/CredentialChanges). The function runs as whoever changes the row;
-- pg_notify needs no grant, so the application's role fires these triggers as it is.

CREATE FUNCTION credential_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV: the subject's prefix, and the column that identifies the row
    PERFORM pg_notify('latch_credentials',
        TG_ARGV[0] || ':' || (to_jsonb(CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END) ->> TG_ARGV[1]));
    RETURN NULL;
END;
$$;

-- last_used_at is written every minute a token is used, holds_name only ever released by an expired
-- token or along with a revocation: neither changes what a token stands for.
CREATE TRIGGER token_changed AFTER UPDATE ON token FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'last_used_at' - 'holds_name') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at' - 'holds_name'))
    EXECUTE FUNCTION credential_changed('token', 'id');
-- the sweep purges expired and revoked tokens by the thousand: those ended already
CREATE TRIGGER token_deleted AFTER DELETE ON token FOR EACH ROW
    WHEN (OLD.revoked_at IS NULL AND OLD.expires_at > now())
    EXECUTE FUNCTION credential_changed('token', 'id');

CREATE TRIGGER minted_jwt_changed AFTER UPDATE ON minted_jwt FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION credential_changed('jwt', 'jti');
CREATE TRIGGER minted_jwt_deleted AFTER DELETE ON minted_jwt FOR EACH ROW
    WHEN (OLD.revoked_at IS NULL AND OLD.expires_at > now())
    EXECUTE FUNCTION credential_changed('jwt', 'jti');

CREATE TRIGGER revoked_jti_added AFTER INSERT ON revoked_jti FOR EACH ROW
    EXECUTE FUNCTION credential_changed('jwt', 'jti');

-- signed_until moves with every JWT a key signs; it says nothing about the JWTs already signed
CREATE TRIGGER signing_key_changed AFTER UPDATE ON signing_key FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'signed_until') IS DISTINCT FROM (to_jsonb(NEW) - 'signed_until'))
    EXECUTE FUNCTION credential_changed('key', 'kid');
CREATE TRIGGER signing_key_deleted AFTER DELETE ON signing_key FOR EACH ROW
    EXECUTE FUNCTION credential_changed('key', 'kid');
