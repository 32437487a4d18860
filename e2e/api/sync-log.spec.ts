import { expect, test } from "../fixtures";
import { appUrl } from "../fixtures";
import { scimClient, userBody } from "../support/scim";
import { apiClient, collect, createDirectory, createGlobalKey, createOrganization, type ApiClient, type CreatedDirectory } from "./api-client";

type Entry = { id: string; created_at: string; directory_id: string; organization_id: string; method: string; path: string; status: number; actions: string[]; subject: string | null; scim_type: string | null; token_prefix: string | null };

let key = "";
let api: ApiClient;
let dir: CreatedDirectory;
const started = new Date(Date.now() - 1000).toISOString();

test.beforeAll(async () => {
  key = (await createGlobalKey()).key;
  api = apiClient(key);
  dir = await createDirectory(api, (await createOrganization(api, "synclog")).id);
  const client = scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token });
  for (const name of ["Ada.Lovelace", "Grace.Hopper"]) {
    const res = await client.post("/Users", userBody(`${name}@example.com`));
    if (res.status !== 201) throw new Error(`SCIM create: ${res.status} ${res.text}`);
  }
  await client.post("/Users", userBody("ada.lovelace@example.com")); // 409: the userName is taken
  await client.get(`/Users?filter=${encodeURIComponent('userName eq "grace.hopper@example.com"')}`);
});

const entries = async (query: string) => {
  const res = await api.get<{ data: Entry[]; next_cursor: string | null }>(`/api/v1/sync-log?directory=${dir.id}${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body.data;
};

test.describe("GET /api/v1/sync-log", () => {
  test("has one entry per SCIM request, newest first, with what it did", async () => {
    const all = await entries("");
    expect(all.map((e) => [e.method, e.status])).toEqual([["GET", 200], ["POST", 409], ["POST", 201], ["POST", 201]]);
    expect(all[2]).toMatchObject({ directory_id: dir.id, organization_id: dir.organization_id, actions: expect.arrayContaining(["user.created"]), subject: "Grace.Hopper@example.com", token_prefix: dir.token.slice(0, 14) });
    expect(all[1]).toMatchObject({ scim_type: "uniqueness" });
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort().reverse());
  });

  test("filters by status class, action, text and time", async () => {
    expect((await entries("&status=4xx")).map((e) => e.status)).toEqual([409]);
    expect((await entries("&status=2xx")).map((e) => e.status)).toEqual([200, 201, 201]);
    expect(await entries("&status=5xx")).toEqual([]);
    expect((await entries("&action=user.created")).map((e) => e.subject)).toEqual(["Grace.Hopper@example.com", "Ada.Lovelace@example.com"]);
    expect((await entries("&q=LOVELACE")).map((e) => e.status)).toEqual([409, 201]);
    expect((await entries(`&since=${encodeURIComponent(started)}`)).length).toBe(4);
    expect(await entries(`&until=${encodeURIComponent(started)}`)).toEqual([]);
    expect((await entries(`&organization=${dir.organization_id}&status=409`)).length).toBe(1);
  });

  test("pages by cursor through the same entries", async () => {
    const all = await entries("");
    const { items, pages } = await collect<Entry>(api, `/api/v1/sync-log?directory=${dir.id}`, 1);
    expect(pages).toBe(4);
    expect(items.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  test("an unknown directory is 404", async () => {
    expect((await api.get("/api/v1/sync-log?directory=dir_missing")).status).toBe(404);
  });
});

/** Reads Server-Sent Events from a streaming response until `until` returns true or `ms` pass. */
async function readEvents(reader: ReadableStreamDefaultReader<Uint8Array>, until: (text: string) => boolean, ms: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (!until(text)) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const chunk = await Promise.race([reader.read(), new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left))]);
    if (chunk === "timeout" || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

function sseEvents(text: string): { id?: string; event?: string; data?: Entry }[] {
  return text
    .split("\n\n")
    .filter((block) => /^(id|event|data):/m.test(block))
    .map((block) => {
      const field = (name: string) => block.match(new RegExp(`^${name}: (.*)$`, "m"))?.[1];
      const data = field("data");
      return { id: field("id"), event: field("event"), data: data ? (JSON.parse(data) as Entry) : undefined };
    });
}

test.describe("GET /api/v1/sync-log/stream", () => {
  test("sends each new entry within 2 seconds, and ends cleanly when the client goes away", async () => {
    const abort = new AbortController();
    const res = await fetch(`${appUrl()}/api/v1/sync-log/stream?directory=${dir.id}`, { headers: { Authorization: `Bearer ${key}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    expect(await readEvents(reader, (t) => t.includes("retry:"), 5000)).toContain("retry: 2000");

    const client = scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token });
    const sent = Date.now();
    const created = await client.post("/Users", userBody("live.tail@example.com"));
    expect(created.status).toBe(201);
    const text = await readEvents(reader, (t) => t.includes("live.tail@example.com"), 5000);
    const elapsed = Date.now() - sent;
    const events = sseEvents(text);
    expect(events).toEqual([{ id: expect.stringMatching(/^log_/), event: "sync_log", data: expect.objectContaining({ method: "POST", status: 201, subject: "live.tail@example.com", directory_id: dir.id }) }]);
    expect(events[0]!.id).toBe(events[0]!.data!.id);
    expect(elapsed).toBeLessThan(2000);

    abort.abort();
    await reader.closed.catch(() => undefined);
    expect((await api.get(`/api/v1/sync-log?directory=${dir.id}&limit=1`)).status).toBe(200);
  });

  test("resumes after Last-Event-ID, showing only the entries after it", async () => {
    const all = await entries("");
    const oldest = all.at(-1)!;
    const abort = new AbortController();
    const res = await fetch(`${appUrl()}/api/v1/sync-log/stream?directory=${dir.id}`, { headers: { Authorization: `Bearer ${key}`, "Last-Event-ID": oldest.id }, signal: abort.signal });
    const text = await readEvents(res.body!.getReader(), (t) => sseEvents(t).length >= all.length - 1, 5000);
    abort.abort();
    expect(sseEvents(text).map((e) => e.id)).toEqual(all.slice(0, -1).map((e) => e.id).reverse());
  });

  test("sends a heartbeat comment every 15 seconds", async () => {
    test.setTimeout(40_000);
    const abort = new AbortController();
    const res = await fetch(`${appUrl()}/api/v1/sync-log/stream?directory=${dir.id}`, { headers: { Authorization: `Bearer ${key}` }, signal: abort.signal });
    const text = await readEvents(res.body!.getReader(), (t) => t.includes(": heartbeat"), 17_000);
    abort.abort();
    expect(text).toContain(": heartbeat\n\n");
  });

  test("needs a key, and a directory in its scope", async () => {
    expect((await fetch(`${appUrl()}/api/v1/sync-log/stream?directory=${dir.id}`)).status).toBe(401);
    const missing = await fetch(`${appUrl()}/api/v1/sync-log/stream?directory=dir_missing`, { headers: { Authorization: `Bearer ${key}` } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
