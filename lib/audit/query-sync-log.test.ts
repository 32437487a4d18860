import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { createDirectory } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { querySyncLog, type SyncLogRow } from "./query-sync-log";
import { syncLogIdAt, tailSyncLog } from "./tail-sync-log";

setupTestDatabase();

let counter = 0;
async function newDirectory() {
  const slug = `log-${counter++}`;
  const org = await createOrganization({ name: slug, slug });
  const { directory } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
  return directory;
}

/** An entry id minted at `ms`, as newId("log") would: the time, then 16 random base32 characters. */
function logIdAt(ms: number): string {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  const random = [...randomBytes(16)].map((b) => alphabet[b % 32]).join("");
  return syncLogIdAt(ms).slice(0, -16) + random;
}

type Entry = Partial<Omit<SyncLogRow, "id" | "createdAt">> & { at: number };

async function insert(directory: { id: string; organizationId: string }, entry: Entry): Promise<string> {
  const id = logIdAt(entry.at);
  await sql.execute(
    `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "createdAt", "method", "path", "status", "latencyMs", "actions", "subject", "resourceId", "resourceType")
     VALUES ($1, $2, $3, $4, $5, $6, $7, 3, $8, $9, $10, $11)`,
    [id, directory.organizationId, directory.id, new Date(entry.at), entry.method ?? "POST", entry.path ?? "/Users", entry.status ?? 201, entry.actions ?? [], entry.subject ?? null, entry.resourceId ?? null, entry.resourceType ?? null],
  );
  return id;
}

describe("querySyncLog", () => {
  const base = Date.parse("2026-11-20T10:00:00Z");

  it("filters by directory, organisation, status, action, time and text, newest first", async () => {
    const dir = await newDirectory();
    const otherDir = await newDirectory();
    const created = await insert(dir, { at: base, status: 201, actions: ["user.created", "account.created"], subject: "Ada.Lovelace@example.com", resourceType: "User", resourceId: "usr_ada" });
    const conflict = await insert(dir, { at: base + 1000, status: 409, subject: "ada.lovelace@example.com" });
    const failed = await insert(dir, { at: base + 2000, status: 500, method: "PATCH" });
    const listed = await insert(dir, { at: base + 3000, status: 200, method: "GET" });
    const elsewhere = await insert(otherDir, { at: base + 1500, status: 201, actions: ["user.created"], subject: "ada.lovelace@example.com" });

    const ids = async (filter: Parameters<typeof querySyncLog>[0]) => (await querySyncLog(filter)).data.map((e) => e.id);
    expect(await ids({ directoryId: dir.id, limit: 50 })).toEqual([listed, failed, conflict, created]);
    expect(await ids({ organizationId: otherDir.organizationId, limit: 50 })).toEqual([elsewhere]);
    expect(await ids({ directoryId: dir.id, status: "2xx", limit: 50 })).toEqual([listed, created]);
    expect(await ids({ directoryId: dir.id, status: "4xx", limit: 50 })).toEqual([conflict]);
    expect(await ids({ directoryId: dir.id, status: "5xx", limit: 50 })).toEqual([failed]);
    expect(await ids({ directoryId: dir.id, status: "409", limit: 50 })).toEqual([conflict]);
    // The console's "every 4xx and 5xx" question.
    expect(await ids({ directoryId: dir.id, status: "error", limit: 50 })).toEqual([failed, conflict]);
    expect(await ids({ directoryId: dir.id, action: "user.created", limit: 50 })).toEqual([created]);
    expect(await ids({ directoryId: dir.id, action: "account.created", limit: 50 })).toEqual([created]);
    expect(await ids({ directoryId: dir.id, since: new Date(base + 1000), until: new Date(base + 3000), limit: 50 })).toEqual([failed, conflict]);
    expect(await ids({ directoryId: dir.id, q: "LOVELACE", limit: 50 })).toEqual([conflict, created]);
    expect(await ids({ directoryId: dir.id, q: "usr_ada", limit: 50 })).toEqual([created]);
    expect(await ids({ organizationId: dir.organizationId, q: "lovelace", action: "user.created", limit: 50 })).toEqual([created]);
  });

  it("returns every field of an entry", async () => {
    const dir = await newDirectory();
    const id = await insert(dir, { at: base, actions: ["user.created"], subject: "x@example.com" });
    const [entry] = (await querySyncLog({ directoryId: dir.id, limit: 1 })).data;
    expect(entry).toMatchObject({
      id, organizationId: dir.organizationId, directoryId: dir.id, createdAt: new Date(base), method: "POST", path: "/Users", query: null, status: 201, latencyMs: 3,
      tokenPrefix: null, clientIp: null, userAgent: null, resourceType: null, resourceId: null, actions: ["user.created"], subject: "x@example.com", scimType: null, errorDetail: null, requestBody: null,
    });
  });

  it("pages newest first by cursor, and an entry written meanwhile does not shift the pages", async () => {
    const dir = await newDirectory();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await insert(dir, { at: base + i * 10 }));
    const first = await querySyncLog({ directoryId: dir.id, limit: 3 });
    expect(first.data.map((e) => e.id)).toEqual([ids[6], ids[5], ids[4]]);
    await insert(dir, { at: base + 1000 });
    const second = await querySyncLog({ directoryId: dir.id, limit: 3, after: first.nextCursor! });
    const third = await querySyncLog({ directoryId: dir.id, limit: 3, after: second.nextCursor! });
    expect(second.data.map((e) => e.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(third.data.map((e) => e.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
  });

  it("never returns another organisation's entries, whatever the other filters say", async () => {
    const a = await newDirectory();
    const b = await newDirectory();
    await insert(b, { at: base, subject: "secret@b.example", actions: ["user.created"] });
    expect((await querySyncLog({ organizationId: a.organizationId, directoryId: b.id, limit: 50 })).data).toEqual([]);
    expect((await querySyncLog({ organizationId: a.organizationId, q: "secret", limit: 50 })).data).toEqual([]);
  });
});

describe("tailSyncLog", () => {
  it("yields entries written after it started, in order and only of its scope, and stops when aborted", async () => {
    const dir = await newDirectory();
    const other = await newDirectory();
    await insert(dir, { at: Date.now() - 60_000 });
    const stop = new AbortController();
    const seen: string[] = [];
    const started = Date.now();
    const reading = (async () => {
      for await (const entry of tailSyncLog({ scope: { organizationId: dir.organizationId, directoryId: dir.id }, signal: stop.signal, pollMs: 100 })) {
        seen.push(entry.id);
        if (seen.length === 2) stop.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    await insert(other, { at: Date.now() });
    const first = await insert(dir, { at: Date.now() });
    const second = await insert(dir, { at: Date.now() + 1 });
    await reading;
    expect(seen).toEqual([first, second]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("resumes after a given entry", async () => {
    const dir = await newDirectory();
    const old = await insert(dir, { at: Date.now() - 10_000 });
    const next = await insert(dir, { at: Date.now() - 9_000 });
    const stop = new AbortController();
    const seen: string[] = [];
    for await (const entry of tailSyncLog({ scope: { directoryId: dir.id }, after: old, signal: stop.signal, pollMs: 50 })) {
      seen.push(entry.id);
      stop.abort();
    }
    expect(seen).toEqual([next]);
  });

  it("ends promptly when aborted while waiting", async () => {
    const dir = await newDirectory();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const started = Date.now();
    for await (const _entry of tailSyncLog({ scope: { directoryId: dir.id }, signal: stop.signal, pollMs: 10_000 })) {
      // nothing to read
    }
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
