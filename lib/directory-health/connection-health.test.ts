import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syncLogIdAt } from "@/lib/audit/tail-sync-log";
import { sql } from "@/lib/db/sql";
import { createDirectory } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { checkConnectionHealth } from "./check-connection-health";
import { loadConnectionHealth } from "./load-connection-health";

setupTestDatabase();

const NOW = new Date("2026-12-02T18:30:00Z");
const MIN = 60_000;

/** Sync-log rows as SCIM requests leave them: `ago` minutes before NOW, with a status and a latency. */
async function log(org: string, dir: string, entries: { ago: number; status: number; latencyMs?: number; repeatCount?: number }[]) {
  for (const e of entries) {
    const at = NOW.getTime() - e.ago * MIN;
    // An id minted at that moment (time-ordered, as newId("log") makes them) so the id ranges line up.
    const id = `${syncLogIdAt(at).slice(0, -16)}${randomBytes(8).toString("hex").slice(0, 16)}`;
    await sql.execute(
      `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "createdAt", "method", "path", "status", "latencyMs", "repeatCount") VALUES ($1, $2, $3, $4, 'GET', '/Users', $5, $6, $7)`,
      [id, org, dir, new Date(at), e.status, e.latencyMs ?? 5, e.repeatCount ?? 1],
    );
  }
}

async function directoryWith(provider: "entra" | "okta", entries: { ago: number; status: number; latencyMs?: number; repeatCount?: number }[], syncMode: "FULL" | "DEPROVISION_ONLY" = "FULL") {
  const slug = `h${randomBytes(4).toString("hex")}`;
  const org = await createOrganization({ name: slug, slug });
  const { directory } = await createDirectory({ organizationId: org.id, provider, syncMode });
  await log(org.id, directory.id, entries);
  const [row] = await loadConnectionHealth({ organizationIds: [org.id] }, NOW);
  return { org, directory, health: row!.health };
}

const ok = (ago: number) => ({ ago, status: 200 });

describe("connection health, as the README's table says", () => {
  it("awaits the first request until the provider sends one", async () => {
    const { health } = await directoryWith("entra", []);
    expect(health.state).toBe("awaiting_first_request");
    expect(health.reason).toBe("Microsoft Entra ID has not sent a request yet.");
  });

  it("is healthy with recent requests that worked, and names the last one", async () => {
    const { health } = await directoryWith("entra", [ok(50), ok(10)]);
    expect(health.state).toBe("healthy");
    expect(health.lastSuccessAt).toEqual(new Date(NOW.getTime() - 10 * MIN));
    expect(health.reason).toContain("2 Dec 2026, 18:20 UTC");
  });

  it.each([
    ["one 409 duplicate after six successes", [ok(20), ok(19), ok(18), ok(17), ok(16), ok(15), { ago: 1, status: 409 }]],
    ["deprovision-only's intended 403s for group writes", [ok(20), { ago: 3, status: 403 }, { ago: 2, status: 403 }, { ago: 1, status: 403 }]],
    ["404s for users the provider asks about before creating them", [{ ago: 3, status: 404 }, { ago: 2, status: 404 }, { ago: 1, status: 404 }]],
    ["a single 401 a few minutes ago (a token being swapped)", [ok(20), { ago: 5, status: 401 }]],
    ["a burst of 5xx that ended more than 15 minutes ago", [{ ago: 40, status: 500 }, { ago: 39, status: 500 }, { ago: 38, status: 500 }, { ago: 37, status: 503 }, { ago: 36, status: 500 }, ok(30), ok(2)]],
  ])("counts as healthy: %s", async (_name, entries) => {
    const { health } = await directoryWith("okta", entries);
    expect(health.state).toBe("healthy");
  });

  it("is failing after three 401s in a row, with the reason and the fix in Entra's own words", async () => {
    const { health } = await directoryWith("entra", [ok(60), { ago: 12, status: 401 }, { ago: 6, status: 401 }, { ago: 1, status: 401 }]);
    expect(health.state).toBe("failing");
    expect(health.since).toEqual(new Date(NOW.getTime() - 12 * MIN));
    expect(health.lastSuccessAt).toEqual(new Date(NOW.getTime() - 60 * MIN));
    expect(health.reason).toBe("Microsoft Entra ID has been sending a token that no longer works since 2 Dec 2026, 18:18 UTC: every request since then was refused (401).");
    expect(health.fix).toBe("Generate a new token (Rotate token on the setup portal's Done page) and paste it in Microsoft Entra ID's Secret Token field.");
  });

  it("counts each repeat of a collapsed entry: three 401s folded into one row (issue 12, item 11) are failing", async () => {
    const { health } = await directoryWith("entra", [ok(60), { ago: 2, status: 401, repeatCount: 3 }]);
    expect(health.state).toBe("failing");
    expect(health.reason).toContain("(401)");
  });

  it("is failing when a single 401 has gone unanswered for 15 minutes (Entra's slow cycle)", async () => {
    const { health } = await directoryWith("entra", [ok(60), { ago: 16, status: 401 }]);
    expect(health.state).toBe("failing");
  });

  it("is failing on a burst of server errors even between requests that worked", async () => {
    const { health } = await directoryWith("okta", [ok(14), { ago: 12, status: 500 }, ok(11), { ago: 10, status: 502 }, { ago: 9, status: 500 }, ok(8), { ago: 7, status: 500 }, { ago: 3, status: 500 }, ok(1)]);
    expect(health.state).toBe("failing");
    expect(health.reason).toContain("answered 5 of Okta's requests with a server error");
  });

  it("counts requests slower than 30 seconds as timeouts", async () => {
    const slow = { status: 200, latencyMs: 31_000 };
    const { health } = await directoryWith("okta", [ok(30), { ago: 3, ...slow }, { ago: 2, ...slow }, { ago: 1, ...slow }]);
    expect(health.state).toBe("failing");
    expect(health.reason).toContain("longer than 30 seconds");
  });

  it("is silent when Entra has sent nothing for more than two hours, but not Okta, which pushes only changes", async () => {
    expect((await directoryWith("entra", [ok(125)])).health.state).toBe("silent");
    expect((await directoryWith("entra", [ok(115)])).health.state).toBe("healthy");
    expect((await directoryWith("okta", [ok(125)])).health.state).toBe("healthy");
    expect((await directoryWith("okta", [ok(8 * 24 * 60)])).health.state).toBe("silent");
  });

  it("reads one organisation's directories only", async () => {
    const a = await directoryWith("okta", [ok(1)]);
    await directoryWith("okta", [{ ago: 3, status: 401 }, { ago: 2, status: 401 }, { ago: 1, status: 401 }]);
    const rows = await loadConnectionHealth({ organizationIds: [a.org.id] }, NOW);
    expect(rows.map((r) => r.directoryId)).toEqual([a.directory.id]);
  });
});

describe("checkConnectionHealth: a change of state sends one event", () => {
  it("sends failing, then recovered, once each, even when two checks run at once", async () => {
    const { org, directory } = await directoryWith("entra", [ok(30)]);
    const events = async () =>
      (await sql.query<{ type: string; data: { state: string; previous_state: string; reason: string } }>(`SELECT "type", "data" FROM "Event" WHERE "directoryId" = $1 AND "type" LIKE 'dsync.connection.%' ORDER BY "seq"`, [directory.id]));

    await checkConnectionHealth(NOW);
    expect(await events()).toEqual([]);

    await log(org.id, directory.id, [{ ago: 3, status: 401 }, { ago: 2, status: 401 }, { ago: 1, status: 401 }]);
    await Promise.all([checkConnectionHealth(NOW), checkConnectionHealth(NOW)]);
    const failing = await events();
    expect(failing.map((e) => e.type)).toEqual(["dsync.connection.failing"]);
    expect(failing[0]!.data).toMatchObject({ state: "failing", previous_state: "healthy" });
    expect(failing[0]!.data.reason).toContain("a token that no longer works");

    await log(org.id, directory.id, [{ ago: 0.5, status: 200 }]);
    await checkConnectionHealth(NOW);
    await checkConnectionHealth(NOW);
    expect((await events()).map((e) => e.type)).toEqual(["dsync.connection.failing", "dsync.connection.recovered"]);
  });

  it("sends silent when Entra stops calling", async () => {
    const { directory } = await directoryWith("entra", [ok(100)]);
    await checkConnectionHealth(NOW);
    await checkConnectionHealth(new Date(NOW.getTime() + 30 * MIN));
    const rows = await sql.query<{ type: string }>(`SELECT "type" FROM "Event" WHERE "directoryId" = $1 AND "type" LIKE 'dsync.connection.%'`, [directory.id]);
    expect(rows.map((r) => r.type)).toEqual(["dsync.connection.silent"]);
  });
});
