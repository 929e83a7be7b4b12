-- Checkpoints: the head of the audit chain (how many events, the last id and its hash) sealed with
-- the chain key and published on a timer. Append-only like the events they vouch for.
CREATE TABLE audit_checkpoint (
    id          bigint       PRIMARY KEY,
    at          timestamptz  NOT NULL,
    event_count bigint       NOT NULL,
    last_id     bigint       NOT NULL,
    hash        char(64)     NOT NULL,
    sealed      varchar(400) NOT NULL,
    -- true once the events up to last_id were archived: the chain left in the table starts here
    anchor      boolean      NOT NULL DEFAULT false
);
CREATE SEQUENCE audit_checkpoint_seq;
CREATE INDEX audit_checkpoint_by_last_id ON audit_checkpoint (last_id);

-- Retention removes events only through audit_archive() below, which says so for its own
-- transaction; everything else stays refused.
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('latch.audit_archiving', true) = 'on' THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$ LANGUAGE plpgsql;

-- Checkpoints likewise; audit_archive() may only mark the one it archived up to as the anchor.
CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF current_setting('latch.audit_archiving', true) = 'on' THEN
            IF NEW.anchor AND NOT OLD.anchor
               AND (NEW.id, NEW.at, NEW.event_count, NEW.last_id, NEW.hash, NEW.sealed)
                   = (OLD.id, OLD.at, OLD.event_count, OLD.last_id, OLD.hash, OLD.sealed) THEN
                RETURN NEW;
            END IF;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_checkpoint is append-only';
END;
$$ LANGUAGE plpgsql;

-- A checkpoint is inserted as a plain checkpoint; only audit_archive() makes one the anchor.
CREATE FUNCTION audit_checkpoint_no_anchor() RETURNS trigger AS $$
BEGIN
    IF NEW.anchor THEN
        RAISE EXCEPTION 'a checkpoint becomes the anchor only by archiving';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_checkpoint_inserted_plain
    BEFORE INSERT ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_no_anchor();
CREATE TRIGGER audit_checkpoint_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only();

-- The one way to remove events: up to a published checkpoint, which becomes the anchor the rest of
-- the chain is verified from, and never an event younger than 30 days, whatever the caller asks.
-- It runs with its owner's rights, so the application's role needs no DELETE on the audit tables;
-- hence every name is qualified and pg_temp searched last (a caller's temporary table named
-- audit_event must never stand in for the real one).
CREATE FUNCTION audit_archive(checkpoint_id bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    through bigint;
    removed bigint;
BEGIN
    SELECT last_id INTO through FROM "${flyway:defaultSchema}".audit_checkpoint WHERE id = checkpoint_id;
    IF through IS NULL THEN
        RAISE EXCEPTION 'no audit checkpoint %', checkpoint_id;
    END IF;
    IF EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".audit_event
               WHERE id <= through AND at > now() - interval '30 days') THEN
        RAISE EXCEPTION 'audit events younger than 30 days are never archived';
    END IF;
    PERFORM set_config('latch.audit_archiving', 'on', true);
    DELETE FROM "${flyway:defaultSchema}".audit_event WHERE id <= through;
    GET DIAGNOSTICS removed = ROW_COUNT;
    UPDATE "${flyway:defaultSchema}".audit_checkpoint SET anchor = true WHERE id = checkpoint_id;
    PERFORM set_config('latch.audit_archiving', 'off', true);
    RETURN removed;
END;
$$;

-- What happens once per database (the bootstrap token, the admin user) was decided by looking for
-- its audit event; retention archives events, so the decision gets a row of its own.
CREATE TABLE done_once (
    what varchar(64) PRIMARY KEY,
    at   timestamptz NOT NULL
);
INSERT INTO done_once (what, at)
    SELECT action, min(at) FROM audit_event
    WHERE action IN ('token.bootstrap', 'user.bootstrap') GROUP BY action;
