-- Wake the webhook dispatcher when an event commits (issue 13: deprovisioning reaches the host within 100 ms).
-- A statement-level trigger, so a set-based insert of many events (group.user_added × N) notifies once; PostgreSQL
-- also folds identical notifications of one transaction into one, and delivers them only if it commits, so a
-- rolled-back write wakes nobody. The payload is empty: the dispatcher reads the outbox itself, in order.
CREATE FUNCTION "rollcall_notify_event_committed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rollcall_event_committed', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Event_notify_committed"
  AFTER INSERT ON "Event"
  FOR EACH STATEMENT EXECUTE FUNCTION "rollcall_notify_event_committed"();
