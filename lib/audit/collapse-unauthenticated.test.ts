import { describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { createDirectory } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { MAX_ADDRESSES_PER_MINUTE, recordUnauthenticatedRequest, type UnauthenticatedRequest } from "./collapse-unauthenticated";

setupTestDatabase();

let counter = 0;
async function newDirectory() {
  const slug = `unauth-${counter++}`;
  const org = await createOrganization({ name: slug, slug });
  return (await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" })).directory;
}

const request = (directoryId: string, extra: Partial<UnauthenticatedRequest> = {}): UnauthenticatedRequest => ({
  directoryId, method: "GET", path: `/scim/v2/${directoryId}/Users`, query: null, clientIp: "203.0.113.7", userAgent: "curl/8",
  tokenPrefix: "rc_scim_wrong0", detail: "Invalid SCIM token for this directory", latencyMs: 1, ...extra,
});

const entries = (directoryId: string) =>
  sql.query<{ clientIp: string | null; repeatCount: number; path: string }>(
    `SELECT "clientIp", "repeatCount", "path" FROM "SyncLogEntry" WHERE "directoryId" = $1 ORDER BY "id"`, [directoryId]);

// Issue 12, item 11: 200 requests with a wrong token used to leave 200 rows of attacker-chosen text.
describe("recordUnauthenticatedRequest", () => {
  it("counts 200 concurrent repeats from one address within a minute in one entry", async () => {
    const directory = await newDirectory();
    const now = Date.now();
    await Promise.all(Array.from({ length: 200 }, (_, i) => recordUnauthenticatedRequest(request(directory.id, { path: `/scim/v2/${directory.id}/Users/${i}` }), now)));
    const rows = await entries(directory.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.repeatCount).toBe(200);
  });

  it("keeps addresses and minutes apart, and directories apart", async () => {
    const [a, b] = [await newDirectory(), await newDirectory()];
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    await recordUnauthenticatedRequest(request(a.id), minute + 1_000);
    await recordUnauthenticatedRequest(request(a.id), minute + 59_000);
    await recordUnauthenticatedRequest(request(a.id), minute + 61_000);
    await recordUnauthenticatedRequest(request(a.id, { clientIp: "198.51.100.1" }), minute + 2_000);
    await recordUnauthenticatedRequest(request(b.id), minute + 3_000);
    expect((await entries(a.id)).map((r) => r.repeatCount).sort()).toEqual([1, 1, 2]);
    expect(await entries(b.id)).toHaveLength(1);
  });

  it("folds a flood of forged addresses into one more entry past the cap", async () => {
    const directory = await newDirectory();
    const now = Date.now();
    for (let i = 0; i < MAX_ADDRESSES_PER_MINUTE + 30; i++) {
      await recordUnauthenticatedRequest(request(directory.id, { clientIp: `10.0.${i >> 8}.${i & 255}` }), now);
    }
    const rows = await entries(directory.id);
    expect(rows).toHaveLength(MAX_ADDRESSES_PER_MINUTE + 1);
    expect(rows.filter((r) => r.clientIp === null)).toEqual([expect.objectContaining({ repeatCount: 30 })]);
  });

  it("writes nothing for a directory that does not exist", async () => {
    await recordUnauthenticatedRequest(request("dir_doesnotexist"));
    expect(await entries("dir_doesnotexist")).toEqual([]);
  });
});
