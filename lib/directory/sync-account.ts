import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import type { Sql } from "@/lib/db/sql";
import { recordEvent } from "@/lib/events/record-event";
import { newId } from "@/lib/ids";
import { userColumnsFrom } from "@/lib/scim/resources";
import type { ProvisioningDirectory } from "./types";

type AccountRow = { id: string; email: string; name: string | null; status: "active" | "deactivated"; directoryUserId: string | null };

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

/**
 * Makes the host product's account follow the directory user, inside the SCIM write's transaction
 * (DESIGN.md, "Sync modes"):
 * - an account whose email matches is linked, never duplicated;
 * - in FULL mode a user without an account gets one; in DEPROVISION_ONLY mode the identity waits for the
 *   person's first SSO sign-in;
 * - `active: false` deactivates the account and revokes every session at once; `active: true` reactivates it,
 *   and the revoked sessions stay revoked. Nothing is deleted.
 */
export async function syncAccount(
  tx: Sql,
  { directory, userId, attributes, isNew = false, log }: {
    directory: ProvisioningDirectory; userId: string; attributes: Record<string, unknown>;
    /** A user created in this transaction has no linked account yet: skip looking for one. */
    isNew?: boolean;
    log?: ScimRequestLog;
  },
): Promise<void> {
  const active = attributes.active !== false;
  const email = accountEmail(attributes);
  const name = accountNameFrom(attributes);
  let account: AccountRow | undefined;
  if (!isNew) {
    [account] = await tx.query<AccountRow>(
      `SELECT "id", "email"::text, "name", "status", "directoryUserId" FROM "Account" WHERE "organizationId" = $1 AND "directoryUserId" = $2 FOR UPDATE`,
      [directory.organizationId, userId],
    );
  }

  if (!account && email) {
    // One statement links the account with this email, or, in FULL mode and when there is none, creates it.
    // An account already linked to another directory user is left alone (ON CONFLICT), never taken over.
    const [row] = await tx.query<AccountRow & { how: "linked" | "created" }>(
      `WITH linked AS (
         UPDATE "Account" SET "directoryUserId" = $3, "updatedAt" = now()
          WHERE "organizationId" = $1 AND "email" = $2::citext AND "directoryUserId" IS NULL
          RETURNING "id", "email"::text, "name", "status", "directoryUserId", 'linked' AS how
       ), created AS (
         INSERT INTO "Account" ("id", "organizationId", "email", "name", "status", "source", "directoryUserId")
         SELECT $4, $1, $2, $5, $6::"AccountStatus", 'scim', $3
          WHERE $7 AND NOT EXISTS (SELECT 1 FROM linked)
         ON CONFLICT ("organizationId", "email") DO NOTHING
         RETURNING "id", "email"::text, "name", "status", "directoryUserId", 'created' AS how
       )
       SELECT * FROM linked UNION ALL SELECT * FROM created`,
      [directory.organizationId, email, userId, newId("acc"), name, active ? "active" : "deactivated", directory.syncMode === "FULL"],
    );
    if (row?.how === "created") {
      log?.action("account.created");
      return;
    }
    if (row) {
      log?.action("account.linked");
      account = row;
    }
  }
  if (!account) return;

  if (!active && account.status === "active") {
    await deactivateAccount(tx, { directory, accountId: account.id, log });
  } else if (active && account.status === "deactivated") {
    await tx.execute(`UPDATE "Account" SET "status" = 'active', "deactivatedAt" = NULL, "updatedAt" = now() WHERE "organizationId" = $1 AND "id" = $2`, [directory.organizationId, account.id]);
    await recordEvent(tx, { type: "account.reactivated", organizationId: directory.organizationId, directoryId: directory.id, data: { id: account.id, email: account.email, directory_user_id: userId, status: "active" } });
    log?.action("account.reactivated");
  }
  if (directory.syncMode === "FULL" && name !== null && name !== account.name) {
    await tx.execute(`UPDATE "Account" SET "name" = $3, "updatedAt" = now() WHERE "organizationId" = $1 AND "id" = $2`, [directory.organizationId, account.id, name]);
  }
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
