// Issue 12, item 6: the live sync-log stream authenticated once, at its start, and then outlived its key for
// as long as the client held it open. It must end within a few seconds of the key's revocation, and one key
// must not hold open streams without bound.
import { appUrl, expect, test } from "../fixtures";
import { apiClient, createDirectory, createGlobalKey, createOrganization, createOrgKey, revokeKey, type CreatedDirectory } from "../api/api-client";

let dir: CreatedDirectory;
let slug: string;

test.beforeAll(async () => {
  const api = apiClient((await createGlobalKey("stream operator")).key);
  const org = await createOrganization(api, "stream-revoke");
  slug = org.slug;
  dir = await createDirectory(api, org.id);
});

function open(key: string, signal: AbortSignal) {
  return fetch(`${appUrl()}/api/v1/sync-log/stream?directory=${dir.id}`, { headers: { Authorization: `Bearer ${key}` }, signal });
}

/** Reads the stream to its end (or until `ms`), and says whether the server ended it and what it last said. */
async function readToEnd(res: Response, ms: number): Promise<{ ended: boolean; text: string }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) {
      await reader.cancel();
      return { ended: false, text };
    }
    const chunk = await Promise.race([reader.read(), new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left))]);
    if (chunk === "timeout") continue;
    if (chunk.done) return { ended: true, text };
    text += decoder.decode(chunk.value, { stream: true });
  }
}

test("a stream ends within seconds of its key's revocation, and says why", async () => {
  const key = await createOrgKey(slug);
  const abort = new AbortController();
  try {
    const res = await open(key.key, abort.signal);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    await revokeKey(key.prefix);
    const revokedAt = Date.now();
    const { ended, text } = await readToEnd(res, 10_000);
    expect(ended, text).toBe(true);
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    expect(text).toContain("event: revoked");
    // And it cannot be reopened.
    expect((await open(key.key, abort.signal)).status).toBe(401);
  } finally {
    abort.abort();
  }
});

test("one key holds at most 5 live streams at once; closing one frees its slot", async () => {
  const key = await createOrgKey(slug);
  const aborts = Array.from({ length: 6 }, () => new AbortController());
  try {
    const opened = [];
    for (const a of aborts.slice(0, 5)) opened.push(await open(key.key, a.signal));
    expect(opened.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await open(key.key, aborts[5]!.signal);
    expect(sixth.status).toBe(429);
    expect(await sixth.json()).toMatchObject({ error: { code: "too_many_streams" } });
    // Another key is not held back by this one's streams.
    const other = await createOrgKey(slug);
    const otherAbort = new AbortController();
    expect((await open(other.key, otherAbort.signal)).status).toBe(200);
    otherAbort.abort();

    aborts[0]!.abort();
    await expect.poll(async () => {
      const again = new AbortController();
      aborts.push(again);
      return (await open(key.key, again.signal)).status;
    }, { timeout: 10_000 }).toBe(200);
  } finally {
    for (const a of aborts) a.abort();
  }
});
