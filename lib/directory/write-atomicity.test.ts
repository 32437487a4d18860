// Issue 13: whatever shape a SCIM write takes (one statement or a transaction of several), it is all or nothing.
// A write whose sync-log entry or outbox event cannot be inserted must leave no user, account, session change,
// event or log entry behind. The failures are real ones from PostgreSQL: a trigger refuses the insert.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { sql } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createUserBodySchema, patchRequestSchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createDirectory } from "./create-directory";
import { createUser } from "./create-user";
import { deleteUser } from "./delete-user";
import { patchUser } from "./patch-user";
import type { ProvisioningDirectory } from "./types";

setupTestDatabase();

let slugs = 0;
async function newDirectory(): Promise<ProvisioningDirectory> {
  const org = await createOrganization({ name: "Atomic", slug: `atomic-${slugs++}` });
  const { directory } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
  return { id: directory.id, organizationId: org.id, syncMode: "FULL" };
}

function logFor(dir: ProvisioningDirectory, method: string) {
  return new ScimRequestLog({ organizationId: dir.organizationId, directoryId: dir.id, method, path: `/scim/v2/${dir.id}/Users`, query: null, tokenPrefix: "rc_scim_test00", clientIp: "127.0.0.1", userAgent: "test" });
}

const userBody = (email: string) => createUserBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email, emails: [{ value: email, primary: true }], active: true });

/** Makes PostgreSQL refuse inserts into `table` for this directory (and, for events, of one type). */
async function refuseInserts(table: "SyncLogEntry" | "Event", dir: ProvisioningDirectory, eventType?: string) {
  const name = `refuse_${randomBytes(6).toString("hex")}`;
  const condition = `NEW."directoryId" = '${dir.id}'${eventType ? ` AND NEW."type" = '${eventType}'` : ""}`;
  await sql.execute(`CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF ${condition} THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END; $$`);
  await sql.execute(`CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"()`);
}

async function counts(dir: ProvisioningDirectory) {
  const [row] = await sql.query<{ users: number; accounts: number; events: number; logs: number }>(
    `SELECT (SELECT count(*)::int FROM "DirectoryUser" WHERE "directoryId" = $1) AS users,
            (SELECT count(*)::int FROM "Account" WHERE "organizationId" = $2) AS accounts,
            (SELECT count(*)::int FROM "Event" WHERE "organizationId" = $2) AS events,
            (SELECT count(*)::int FROM "SyncLogEntry" WHERE "directoryId" = $1) AS logs`,
    [dir.id, dir.organizationId],
  );
  return row!;
}

describe("POST /scim/v2/{dir}/Users whose sync-log or event insert fails", () => {
  it("leaves no user, account, event or log entry when the sync-log entry is refused", async () => {
    const dir = await newDirectory();
    const before = await counts(dir);
    await refuseInserts("SyncLogEntry", dir);
    await expect(createUser({ directory: dir, body: userBody("ada@example.com"), log: logFor(dir, "POST") })).rejects.toThrow(/refused by the test/);
    expect(await counts(dir)).toEqual(before);
  });

  it("leaves no user, account, event or log entry when the user's event is refused", async () => {
    const dir = await newDirectory();
    const before = await counts(dir);
    await refuseInserts("Event", dir, "dsync.user.created");
    await expect(createUser({ directory: dir, body: userBody("bo@example.com"), log: logFor(dir, "POST") })).rejects.toThrow(/refused by the test/);
    expect(await counts(dir)).toEqual(before);
  });
});

describe("PATCH /scim/v2/{dir}/Users/{id} active false whose event insert fails", () => {
  it("leaves the user and the account active, the session alive, and no new event or log entry", async () => {
    const dir = await newDirectory();
    const user = await createUser({ directory: dir, body: userBody("cy@example.com"), log: logFor(dir, "POST") });
    const [acc] = await sql.query<{ id: string }>(`SELECT "id" FROM "Account" WHERE "organizationId" = $1`, [dir.organizationId]);
    const sessionId = newId("ses");
    await sql.execute(`INSERT INTO "Session" ("id", "organizationId", "accountId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, $4, now() + interval '1 day')`, [sessionId, dir.organizationId, acc!.id, sessionId]);
    const before = await counts(dir);
    await refuseInserts("Event", dir, "account.deactivated");

    const { Operations } = patchRequestSchema.parse({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] });
    await expect(patchUser({ directory: dir, userId: user.id, operations: Operations, log: logFor(dir, "PATCH") })).rejects.toThrow(/refused by the test/);

    expect(await counts(dir)).toEqual(before);
    const [state] = await sql.query<{ active: boolean; status: string; revokedAt: Date | null }>(
      `SELECT u."active", a."status", s."revokedAt" FROM "DirectoryUser" u JOIN "Account" a ON a."directoryUserId" = u."id" JOIN "Session" s ON s."accountId" = a."id"
        WHERE u."directoryId" = $1 AND u."id" = $2`, [dir.id, user.id]);
    expect(state).toEqual({ active: true, status: "active", revokedAt: null });
  });
});

describe("DELETE /scim/v2/{dir}/Users/{id} whose sync-log entry or event insert fails", () => {
  for (const [what, refuse] of [
    ["the sync-log entry", (dir: ProvisioningDirectory) => refuseInserts("SyncLogEntry", dir)],
    ["the account's event", (dir: ProvisioningDirectory) => refuseInserts("Event", dir, "account.deactivated")],
    ["the user's event", (dir: ProvisioningDirectory) => refuseInserts("Event", dir, "dsync.user.deleted")],
  ] as const) {
    it(`keeps the user, its account active and linked, and its session alive when ${what} is refused`, async () => {
      const dir = await newDirectory();
      const user = await createUser({ directory: dir, body: userBody(`del-${slugs}@example.com`), log: logFor(dir, "POST") });
      const [acc] = await sql.query<{ id: string }>(`SELECT "id" FROM "Account" WHERE "organizationId" = $1`, [dir.organizationId]);
      const sessionId = newId("ses");
      await sql.execute(`INSERT INTO "Session" ("id", "organizationId", "accountId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, $4, now() + interval '1 day')`, [sessionId, dir.organizationId, acc!.id, sessionId]);
      const before = await counts(dir);
      await refuse(dir);

      await expect(deleteUser({ directory: dir, userId: user.id, log: logFor(dir, "DELETE") })).rejects.toThrow(/refused by the test/);

      expect(await counts(dir)).toEqual(before);
      const [state] = await sql.query<{ status: string; revokedAt: Date | null }>(
        `SELECT a."status", s."revokedAt" FROM "DirectoryUser" u JOIN "Account" a ON a."directoryUserId" = u."id" JOIN "Session" s ON s."accountId" = a."id"
          WHERE u."directoryId" = $1 AND u."id" = $2`, [dir.id, user.id]);
      expect(state).toEqual({ status: "active", revokedAt: null });
    });
  }
});
