-- The chain moves off the request path. An event is written in its request's transaction with a
-- MAC of its own fields (hash, under the chain key; prev_hash stays null), without any global lock;
-- a sealer, one node at a time, then chains the events in the order it finds them: each seal row
-- names a position, the event, the previous seal's hash and its own. Events keep being append-only.
ALTER TABLE audit_event ALTER COLUMN prev_hash DROP NOT NULL;

CREATE TABLE audit_seal (
    -- the chain starts at 1: a seal outside it would hide its event from verify
    position  bigint   PRIMARY KEY CHECK (position > 0),
    event_id  bigint   NOT NULL UNIQUE,
    prev_hash char(64) NOT NULL,
    hash      char(64) NOT NULL
);

-- What the sealer has still to seal; every event is queued by the trigger below, in its own
-- transaction, with the time that transaction started (an old event queued late was re-inserted).
-- Only the trigger queues, with its owner's rights: the application's role may take an entry off
-- (the sealer does) but never put one in or choose its time.
CREATE TABLE audit_unsealed (
    event_id  bigint      PRIMARY KEY,
    queued_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION audit_event_queue() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO "${flyway:defaultSchema}".audit_unsealed (event_id, queued_at) VALUES (NEW.id, now());
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_event_queued
    AFTER INSERT ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_queue();

-- The events written so far were chained one after the other: each becomes the seal of its
-- position, with the hashes it already has (the verifier checks those the old way).
INSERT INTO audit_seal (position, event_id, prev_hash, hash)
    SELECT coalesce((SELECT event_count FROM audit_checkpoint WHERE anchor
                     ORDER BY id DESC LIMIT 1), 0) + row_number() OVER (ORDER BY id),
           id, prev_hash, hash
    FROM audit_event;

-- Seals are append-only like the events; only audit_archive() removes them, with their events.
CREATE FUNCTION audit_seal_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('latch.audit_archiving', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_seal is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_seal_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_seal_append_only();
CREATE TRIGGER audit_seal_no_truncate
    BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_append_only();

-- A checkpoint's event_count is now the position of the seal it names (last_id is that seal's
-- event): archiving removes the seals up to that position and their events.
CREATE OR REPLACE FUNCTION audit_archive(checkpoint_id bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    through bigint;
    removed bigint;
BEGIN
    SELECT event_count INTO through FROM "${flyway:defaultSchema}".audit_checkpoint WHERE id = checkpoint_id;
    IF through IS NULL THEN
        RAISE EXCEPTION 'no audit checkpoint %', checkpoint_id;
    END IF;
    IF EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".audit_seal s
               JOIN "${flyway:defaultSchema}".audit_event e ON e.id = s.event_id
               WHERE s.position <= through AND e.at > now() - interval '30 days') THEN
        RAISE EXCEPTION 'audit events younger than 30 days are never archived';
    END IF;
    PERFORM set_config('latch.audit_archiving', 'on', true);
    DELETE FROM "${flyway:defaultSchema}".audit_event
        WHERE id IN (SELECT event_id FROM "${flyway:defaultSchema}".audit_seal WHERE position <= through);
    GET DIAGNOSTICS removed = ROW_COUNT;
    DELETE FROM "${flyway:defaultSchema}".audit_seal WHERE position <= through;
    UPDATE "${flyway:defaultSchema}".audit_checkpoint SET anchor = true WHERE id = checkpoint_id;
    PERFORM set_config('latch.audit_archiving', 'off', true);
    RETURN removed;
END;
$$;
