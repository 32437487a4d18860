-- Issue 13: the server keeps the principal a SCIM token resolved to (lib/auth/scim-principal-cache.ts) instead of
-- asking the database on every request. It forgets them all when any of these statements commits: a token revoked,
-- rotated out (its expiresAt), deleted or moved, or a directory disabled, deleted, renamed or switched to another
-- sync mode, whichever process made the change (the CLI, another server). Statement-level and payload-free, like the
-- outbox's trigger: PostgreSQL folds a transaction's identical notifications into one and sends none if it rolls back.
-- `UPDATE OF` names the columns a principal holds, so the once-a-minute "lastUsedAt" write and a pull's bookkeeping on
-- "Directory" do not clear the cache.
CREATE FUNCTION "rollcall_notify_scim_auth_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rollcall_scim_auth_changed', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ScimToken_notify_auth_changed"
  AFTER UPDATE OF "revokedAt", "expiresAt", "tokenHash", "directoryId", "organizationId" OR DELETE OR TRUNCATE ON "ScimToken"
  FOR EACH STATEMENT EXECUTE FUNCTION "rollcall_notify_scim_auth_changed"();

CREATE TRIGGER "Directory_notify_auth_changed"
  AFTER UPDATE OF "status", "syncMode", "name", "provider", "organizationId" OR DELETE OR TRUNCATE ON "Directory"
  FOR EACH STATEMENT EXECUTE FUNCTION "rollcall_notify_scim_auth_changed"();
