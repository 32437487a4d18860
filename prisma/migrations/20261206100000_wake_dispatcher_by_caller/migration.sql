-- Issue 13: a NOTIFY serialises the commits of every transaction that sends one. PostgreSQL takes one lock for the
-- whole database's notification queue in PreCommit_Notify and holds it until the commit (WAL flush included) is
-- done. Every SCIM write inserts an event, so under a provider's bulk sync eight concurrent creates queued on that
-- lock: sampled from pg_stat_activity, 1.9 of the server's 8 busy connections waited on "Lock:object" at any moment.
-- Without the notification a create cost 0.64 ms of PostgreSQL CPU instead of 0.78, and creates/s rose 7-14 %.
--
-- Connections that say the caller wakes the dispatcher itself (the SCIM request's connections set
-- `rollcall.wake_dispatcher = caller`; lib/events/wake-event-dispatcher.ts sends one notification after the request,
-- outside its transaction and at most one per 10 ms) are skipped here. Every other writer (the API, the portal, the
-- console, the CLI, the worker) notifies on commit as before.
CREATE OR REPLACE FUNCTION "rollcall_notify_event_committed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('rollcall.wake_dispatcher', true) IS DISTINCT FROM 'caller' THEN
    PERFORM pg_notify('rollcall_event_committed', '');
  END IF;
  RETURN NULL;
END;
$$;
