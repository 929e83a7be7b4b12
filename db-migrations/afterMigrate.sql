-- After every migration run, as the schema owner: the application's role (the datasource's user)
-- may read and write Latch's tables, but only insert into and read the audit tables (and take what
-- it sealed off the sealer's queue, which only a trigger fills), archive through audit_archive(), and not touch the migration
-- history. Nothing to do when both are one role.
DO $$
DECLARE
    app text := '${application_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, audit_checkpoint, audit_seal FROM %I', app);
    EXECUTE format('REVOKE INSERT, UPDATE, TRUNCATE ON audit_unsealed FROM %I', app);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM %I', app);
    EXECUTE format('REVOKE ALL ON FUNCTION audit_archive(bigint) FROM PUBLIC');
    EXECUTE format('GRANT EXECUTE ON FUNCTION audit_archive(bigint) TO %I', app);
END
$$;
