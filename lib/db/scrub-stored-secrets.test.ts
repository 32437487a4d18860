import { cp, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { queryOnce } from "@/lib/testing/query-once";
import { createEmptyDatabase } from "@/lib/testing/test-database";
import { migrate, MIGRATIONS_DIR } from "./migrate";

const SCRUB = "20261202130000_scrub_stored_secrets";
const EXT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** The migrations before `name`, in a directory of their own. */
async function migrationsBefore(name: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "rollcall-migrations-"));
  for (const entry of await readdir(MIGRATIONS_DIR)) {
    if (entry < name) await cp(path.join(MIGRATIONS_DIR, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

// Issue 12, item 3: what earlier releases stored must go too, not only what is written from now on.
describe(`migration ${SCRUB}`, () => {
  it("removes stored passwords at any depth and re-redacts the sync log", async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { dir: await migrationsBefore(SCRUB) });
    const q = (text: string, params: unknown[] = []) => queryOnce(url, text, params);
    await q(`INSERT INTO "Organization" ("id", "slug", "name", "updatedAt") VALUES ('org_1', 'acme', 'Acme', now())`);
    await q(`INSERT INTO "Directory" ("id", "organizationId", "name", "provider", "updatedAt") VALUES ('dir_1', 'org_1', 'D', 'okta', now())`);
    const attributes = { userName: "a@example.com", [EXT]: { employeeNumber: "7", password: "s3cret" }, "urn:x": { deep: [{ Password: "s3cret", keep: 1 }] } };
    await q(`INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "attributes") VALUES ('usr_1', 'org_1', 'dir_1', 'a@example.com', $1)`, [JSON.stringify(attributes)]);
    await q(`INSERT INTO "Event" ("id", "type", "organizationId", "directoryId", "data") VALUES ('evt_1', 'dsync.user.created', 'org_1', 'dir_1', $1)`, [JSON.stringify({ raw_attributes: attributes })]);
    const leakyPatch = { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], operations: [{ Op: "replace", Path: "password", Value: "s3cret" }, { op: "replace", path: "title", value: "CEO" }] };
    await q(
      `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "method", "path", "query", "status", "latencyMs", "errorDetail", "requestBody")
       VALUES ('log_1', 'org_1', 'dir_1', 'PATCH', '/scim/v2/dir_1/Users/usr_1', $1, 400, 1, $2, $3)`,
      ['filter=userName eq "a"&access_token=s3cret&count=1', `The request body is not valid JSON: Unexpected token 'p', "password: s3cret" is not valid JSON`, JSON.stringify(leakyPatch)],
    );

    await migrate(url);

    const [user] = await q(`SELECT "attributes" FROM "DirectoryUser" WHERE "id" = 'usr_1'`);
    expect(user!.attributes).toEqual({ userName: "a@example.com", [EXT]: { employeeNumber: "7" }, "urn:x": { deep: [{ keep: 1 }] } });
    const [event] = await q(`SELECT "data" FROM "Event" WHERE "id" = 'evt_1'`);
    expect(JSON.stringify(event!.data)).not.toMatch(/s3cret|password/i);
    const [log] = await q(`SELECT "query", "errorDetail", "requestBody" FROM "SyncLogEntry" WHERE "id" = 'log_1'`);
    expect(JSON.stringify(log)).not.toContain("s3cret");
    expect(log!.query).toBe('filter=userName eq "a"&access_token=[REDACTED]&count=1');
    expect((log!.requestBody as { operations: unknown[] }).operations[1]).toEqual({ op: "replace", path: "title", value: "CEO" });
  });
});
