-- Issue 12, item 3: before this release a `password` inside the Enterprise or any other extension was stored in
-- the resource's attributes (and so in its events), a PATCH spelled `operations`/`Path`/`Value` kept a password in
-- the sync log, malformed-JSON errors quoted the body, and query-string credentials were logged. The code no longer
-- writes any of these; this removes what was written before.

CREATE FUNCTION pg_temp.rollcall_drop_passwords(value jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF jsonb_typeof(value) = 'object' THEN
    RETURN COALESCE((SELECT jsonb_object_agg(e.key, pg_temp.rollcall_drop_passwords(e.value)) FROM jsonb_each(value) e
                      WHERE lower(e.key) <> 'password' AND lower(e.key) NOT LIKE '%:password'), '{}'::jsonb);
  ELSIF jsonb_typeof(value) = 'array' THEN
    RETURN COALESCE((SELECT jsonb_agg(pg_temp.rollcall_drop_passwords(a.value) ORDER BY a.ord)
                       FROM jsonb_array_elements(value) WITH ORDINALITY a(value, ord)), '[]'::jsonb);
  END IF;
  RETURN value;
END $$;

-- The sync log's redaction (lib/audit/redact.ts): secret-looking keys at any depth, and every `value` key beside a
-- `path` key that names a secret, in any case.
CREATE FUNCTION pg_temp.rollcall_redact(value jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  secret text := 'pass(word)?|secret|token|credential|private[_-]?key';
  names_secret boolean;
BEGIN
  IF jsonb_typeof(value) = 'object' THEN
    SELECT bool_or(lower(e.key) = 'path' AND jsonb_typeof(e.value) = 'string' AND (e.value #>> '{}') ~* secret)
      INTO names_secret FROM jsonb_each(value) e;
    RETURN COALESCE((SELECT jsonb_object_agg(e.key, CASE
               WHEN e.key ~* secret OR (names_secret AND lower(e.key) = 'value') THEN '"[REDACTED]"'::jsonb
               ELSE pg_temp.rollcall_redact(e.value) END)
             FROM jsonb_each(value) e), '{}'::jsonb);
  ELSIF jsonb_typeof(value) = 'array' THEN
    RETURN COALESCE((SELECT jsonb_agg(pg_temp.rollcall_redact(a.value) ORDER BY a.ord)
                       FROM jsonb_array_elements(value) WITH ORDINALITY a(value, ord)), '[]'::jsonb);
  END IF;
  RETURN value;
END $$;

UPDATE "DirectoryUser" SET "attributes" = pg_temp.rollcall_drop_passwords("attributes") WHERE "attributes"::text ILIKE '%password%';
UPDATE "DirectoryGroup" SET "attributes" = pg_temp.rollcall_drop_passwords("attributes") WHERE "attributes"::text ILIKE '%password%';
UPDATE "Event" SET "data" = pg_temp.rollcall_drop_passwords("data") WHERE "data"::text ILIKE '%password%';

UPDATE "SyncLogEntry" SET "requestBody" = pg_temp.rollcall_redact("requestBody")
 WHERE "requestBody" IS NOT NULL AND "requestBody"::text ~* 'pass|secret|token|credential|private';
UPDATE "SyncLogEntry"
   SET "query" = regexp_replace(
         regexp_replace("query", '(^|&)([^=&]*(pass(word)?|secret|token|credential|private[_-]?key)[^=&]*|api[_-]?key|key|sig|signature|auth|authorization|bearer|code)=[^&]*', '\1\2=[REDACTED]', 'gi'),
         'rc_(scim|key|ses|setup)_[A-Za-z0-9_-]+', '[REDACTED]', 'g')
 WHERE "query" IS NOT NULL;
UPDATE "SyncLogEntry" SET "errorDetail" = 'The request body is not valid JSON: unexpected character'
 WHERE "errorDetail" LIKE 'The request body is not valid JSON: %' AND "errorDetail" LIKE '%"%';

DROP FUNCTION pg_temp.rollcall_redact(jsonb);
DROP FUNCTION pg_temp.rollcall_drop_passwords(jsonb);
