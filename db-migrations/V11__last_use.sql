-- Where and when every credential was last used: opaque tokens and minted_jwt records alike (sessions,
-- minted and internal JWTs). Each node notes uses in memory and writes them together once per
-- latch.tokens.last-used-flush (security/control/CredentialUses), never once per request.
ALTER TABLE token ADD COLUMN last_used_ip varchar(64);
ALTER TABLE token ADD COLUMN last_used_agent varchar(256);
ALTER TABLE token ADD COLUMN last_used_node varchar(100);
ALTER TABLE minted_jwt ADD COLUMN last_used_at timestamptz;
ALTER TABLE minted_jwt ADD COLUMN last_used_ip varchar(64);
ALTER TABLE minted_jwt ADD COLUMN last_used_agent varchar(256);
ALTER TABLE minted_jwt ADD COLUMN last_used_node varchar(100);

-- false for a record that existed before its uses were recorded: its null last use reads "not
-- recorded", not "never used". Tokens' last_used_at has been kept since V1 (only where from is new);
-- sessions and JWT records had none.
ALTER TABLE token ADD COLUMN use_recorded boolean NOT NULL DEFAULT true;
ALTER TABLE minted_jwt ADD COLUMN use_recorded boolean NOT NULL DEFAULT false;
ALTER TABLE minted_jwt ALTER COLUMN use_recorded SET DEFAULT true;

-- Uses per credential (token.id or minted_jwt.jti) and UTC day, for the last 30 days; older days
-- and the days of purged records are deleted by the expiry sweep.
CREATE TABLE credential_use_day (
    credential_id uuid    NOT NULL,
    day           date    NOT NULL,
    uses          bigint  NOT NULL CHECK (uses > 0),
    PRIMARY KEY (credential_id, day)
);
CREATE INDEX credential_use_day_by_day ON credential_use_day (day);

-- ?unused_for= and sort=last_used
CREATE INDEX token_by_last_use ON token (last_used_at);
CREATE INDEX minted_jwt_by_last_use ON minted_jwt (last_used_at);

-- A use changes nothing a credential stands for: no validation cache hears of it.
DROP TRIGGER token_changed ON token;
CREATE TRIGGER token_changed AFTER UPDATE ON token FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'last_used_at' - 'last_used_ip' - 'last_used_agent' - 'last_used_node' - 'holds_name')
          IS DISTINCT FROM
          (to_jsonb(NEW) - 'last_used_at' - 'last_used_ip' - 'last_used_agent' - 'last_used_node' - 'holds_name'))
    EXECUTE FUNCTION credential_changed('token', 'id');
DROP TRIGGER minted_jwt_changed ON minted_jwt;
CREATE TRIGGER minted_jwt_changed AFTER UPDATE ON minted_jwt FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'last_used_at' - 'last_used_ip' - 'last_used_agent' - 'last_used_node')
          IS DISTINCT FROM
          (to_jsonb(NEW) - 'last_used_at' - 'last_used_ip' - 'last_used_agent' - 'last_used_node'))
    EXECUTE FUNCTION credential_changed('jwt', 'jti');
