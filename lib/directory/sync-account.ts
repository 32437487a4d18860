import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import type { Sql } from "@/lib/db/sql";
import { recordEvent } from "@/lib/events/record-event";
import { userColumnsFrom } from "@/lib/scim/resources";
import type { ProvisioningDirectory } from "./types";

/** The address an account is matched on: the user's email, else a userName that is one (Okta's default). */
export function accountEmail(attributes: Record<string, unknown>): string | null {
  const c = userColumnsFrom(attributes);
  if (c.email) return c.email;
  return /^[^@\s]+@[^@\s]+$/.test(c.userName) ? c.userName : null;
}

/**
 * The name an account takes from its directory user: the displayName, else name.formatted, else the given and
 * family names (Okta and OneLogin often send only those), else none.
 */
export function accountNameFrom(attributes: Record<string, unknown>): string | null {
  const c = userColumnsFrom(attributes);
  if (c.displayName?.trim()) return c.displayName.trim();
  const name = attributes.name;
  const formatted = name && typeof name === "object" && "formatted" in name && typeof name.formatted === "string" ? name.formatted.trim() : "";
  if (formatted) return formatted;
  return [c.givenName, c.familyName].map((part) => part?.trim()).filter(Boolean).join(" ") || null;
}

/** Deactivates an account and ends its sessions at once, in the caller's transaction. */
export async function deactivateAccount(tx: Sql, { directory, accountId, log }: { directory: ProvisioningDirectory; accountId: string; log?: ScimRequestLog }) {
  const [account] = await tx.query<{ id: string; email: string; directoryUserId: string | null }>(
    `UPDATE "Account" SET "status" = 'deactivated', "deactivatedAt" = now(), "updatedAt" = now()
      WHERE "organizationId" = $1 AND "id" = $2 AND "status" = 'active'
      RETURNING "id", "email"::text, "directoryUserId"`,
    [directory.organizationId, accountId],
  );
  if (!account) return;
  const revoked = await tx.execute(
    `UPDATE "Session" SET "revokedAt" = now() WHERE "organizationId" = $1 AND "accountId" = $2 AND "revokedAt" IS NULL`,
    [directory.organizationId, accountId],
  );
  await recordEvent(tx, {
    type: "account.deactivated",
    organizationId: directory.organizationId,
    directoryId: directory.id,
    data: { id: account.id, email: account.email, directory_user_id: account.directoryUserId, status: "deactivated", sessions_revoked: revoked },
  });
  log?.action("account.deactivated");
}

/** Before a directory user is deleted: its account is deactivated (and kept), then unlinked by the foreign key. */
export async function deactivateAccountOfUser(tx: Sql, { directory, userId, log }: { directory: ProvisioningDirectory; userId: string; log?: ScimRequestLog }) {
  const [account] = await tx.query<{ id: string }>(
    `SELECT "id" FROM "Account" WHERE "organizationId" = $1 AND "directoryUserId" = $2 FOR UPDATE`,
    [directory.organizationId, userId],
  );
  if (account) await deactivateAccount(tx, { directory, accountId: account.id, log });
}
