-- The row trigger of V1 refuses UPDATE and DELETE; TRUNCATE fires no row trigger, so it gets a
-- statement trigger of its own: emptying the log is refused too.
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
