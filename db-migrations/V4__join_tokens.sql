-- Join tokens (ljn_) may be bound to a node and used a limited number of times; node credentials
-- (lnd_) are bound to the node that exchanged a join token for them.
ALTER TABLE token ADD COLUMN node_id varchar(63);
ALTER TABLE token ADD COLUMN max_uses integer;
ALTER TABLE token ADD COLUMN uses integer NOT NULL DEFAULT 0;
ALTER TABLE token ADD COLUMN used_at timestamptz;
ALTER TABLE token ADD COLUMN used_by_node varchar(63);
ALTER TABLE token ADD CONSTRAINT token_uses_within_max CHECK (max_uses IS NULL OR (max_uses >= 1 AND uses <= max_uses));
-- Room for "node:<DNS label>" as a node credential's name.
ALTER TABLE token ALTER COLUMN name TYPE varchar(100);
