-- Database objects Prisma's schema cannot describe. Applied after every migration run
-- (src/server/platform/migrate.ts), so each statement is idempotent.

-- Append-only: no role the app connects as may change or remove an audit entry.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS audit_events_no_update_delete ON audit_events;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events;
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- The hash chain, computed by the database so every app instance and worker agrees:
-- hash = sha256(prev_hash | id | at | actor | action | target | account | details).
CREATE OR REPLACE FUNCTION audit_event_digest(prev text, e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', prev, e.id::text,
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    coalesce(e.actor_id::text, ''), coalesce(e.actor_email, ''), e.action,
    coalesce(e.target_type, ''), coalesce(e.target_id, ''), coalesce(e.account_id, ''), e.details::text), 'UTF8')), 'hex')
$$;

CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE previous text;
BEGIN
  -- One writer at a time extends the chain (held to the end of the inserting transaction).
  PERFORM pg_advisory_xact_lock(724011);
  -- The id is taken under the lock, so id order is chain order.
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  SELECT hash INTO previous FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(previous, '');
  NEW.hash := audit_event_digest(NEW.prev_hash, NEW);
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS audit_events_hash_chain ON audit_events;
CREATE TRIGGER audit_events_hash_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
