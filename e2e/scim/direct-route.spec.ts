// Issue 13, item 4: the production server hands /scim/… straight to the built route handlers
// (lib/server/serve-scim-route.mjs), past Next.js's pipeline. Every other SCIM spec runs through that path too;
// these check what Next.js used to do for those requests and the direct path must still do, or do better.
import http from "node:http";
import { expect, test } from "../fixtures";
import { newDirectory } from "../support/cli";
import { sql } from "../support/db";
import { USER_URN } from "../support/scim";

const ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

test.describe("SCIM served directly by the production server (issue 13)", () => {
  test("SCIM answers carry next.config.js's security headers and a Content-Length", async () => {
    const dir = newDirectory("entra");
    const res = await fetch(`${dir.scimBaseUrl}/Users?count=1`, { headers: { authorization: `Bearer ${dir.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text)).toMatchObject({ totalResults: 0, Resources: [] });
  });

  // The direct path writes the text and headers a response was made of (lib/http/scim-response.ts), not the body read
  // back out of the Response: the byte count must hold for characters beyond ASCII, and every header must arrive.
  test("a create, a GET and a DELETE arrive whole: Content-Length in bytes for non-ASCII names, Location and ETag, and a bare 204", async () => {
    const dir = newDirectory("okta");
    const headers = { authorization: `Bearer ${dir.token}`, "content-type": "application/scim+json" };
    const created = await fetch(`${dir.scimBaseUrl}/Users`, {
      method: "POST", headers,
      body: JSON.stringify({ schemas: [USER_URN], userName: "zoë.łukasiewicz@example.com", name: { givenName: "Zoë", familyName: "Łukasiewicz 日本" }, active: true }),
    });
    expect(created.status).toBe(201);
    const createdText = await created.text();
    expect(Number(created.headers.get("content-length"))).toBe(Buffer.byteLength(createdText));
    const user = JSON.parse(createdText) as { id: string; name: { familyName: string }; meta: { version: string; location: string } };
    expect(user.name.familyName).toBe("Łukasiewicz 日本");
    expect(created.headers.get("location")).toBe(user.meta.location);
    expect(created.headers.get("etag")).toBe(user.meta.version);
    expect(created.headers.get("x-content-type-options")).toBe("nosniff");

    const read = await fetch(`${dir.scimBaseUrl}/Users/${user.id}`, { headers });
    const readText = await read.text();
    expect(Number(read.headers.get("content-length"))).toBe(Buffer.byteLength(readText));
    expect(read.headers.get("etag")).toBe(user.meta.version);
    expect(JSON.parse(readText)).toMatchObject({ userName: "zoë.łukasiewicz@example.com" });

    const deleted = await fetch(`${dir.scimBaseUrl}/Users/${user.id}`, { method: "DELETE", headers });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get("cache-control")).toBe("no-store");
    expect(deleted.headers.get("content-length")).toBeNull();
    expect(await deleted.text()).toBe("");
  });

  test("a path that is not valid percent-encoding gets a SCIM 404 body, not a text/plain 500", async () => {
    const dir = newDirectory("okta");
    const res = await fetch(`${dir.scimBaseUrl}/Users/%E0%A4%A`, { headers: { authorization: `Bearer ${dir.token}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.schemas).toEqual([ERROR_URN]);
    expect(String(body.detail)).toMatch(/^No SCIM endpoint at \/scim\/v2\/.*%E0%A4%A/);
  });

  test("a percent-encoded id reaches the handler decoded, as Next.js decoded it", async () => {
    const dir = newDirectory("generic");
    const auth = { authorization: `Bearer ${dir.token}`, "content-type": "application/scim+json" };
    const created = await fetch(`${dir.scimBaseUrl}/Users`, { method: "POST", headers: auth, body: JSON.stringify({ schemas: [USER_URN], userName: "encoded.path@acme.com" }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // The resource segment in another case with a trailing slash, and each character of the id percent-encoded.
    const encodedId = [...id].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
    const res = await fetch(`${dir.scimBaseUrl}/users/${encodedId}/`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, userName: "encoded.path@acme.com" });
  });

  test("a client's own X-Forwarded-For is not what the sync log records as its address", async () => {
    const dir = newDirectory("jumpcloud");
    const res = await fetch(`${dir.scimBaseUrl}/Users?filter=${encodeURIComponent('userName eq "nobody@acme.com"')}`, {
      headers: { authorization: `Bearer ${dir.token}`, "x-forwarded-for": "203.0.113.77", "x-real-ip": "203.0.113.78" },
    });
    expect(res.status).toBe(200);
    const rows = await sql<{ clientIp: string | null }>(`SELECT "clientIp" FROM "SyncLogEntry" WHERE "directoryId" = $1 AND "method" = 'GET'`, [dir.id]);
    expect(rows).toHaveLength(1);
    // The test app trusts no proxy hop: the address is the socket's, loopback.
    expect(rows[0]?.clientIp).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  });

  test("an oversized body sent in chunks, without Content-Length, gets its 413, and the connection serves the next request", async () => {
    const dir = newDirectory("entra");
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(`${dir.scimBaseUrl}/Users`);
    const send = (write: (req: http.ClientRequest) => void) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(url, { method: "POST", agent, headers: { authorization: `Bearer ${dir.token}`, "content-type": "application/scim+json" } }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (c: string) => (body += c)).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      write(req);
    });
    // 1.2 MB in 64 KB chunks: the handler stops reading at 1 MB (lib/http/read-body-limited.ts).
    const big = await send((req) => {
      req.write(`{"schemas":["${USER_URN}"],"userName":"chunked@acme.com","nickName":"`);
      for (let i = 0; i < 19; i++) req.write("x".repeat(64 * 1024));
      req.end(`"}`);
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ schemas: [ERROR_URN], status: "413" });
    const next = await send((req) => req.end(JSON.stringify({ schemas: [USER_URN], userName: "after.chunked@acme.com" })));
    expect(next.status, next.body).toBe(201);
    agent.destroy();
  });

  test("a client that goes away mid-upload changes nothing, and the server keeps answering", async () => {
    const dir = newDirectory("okta");
    await new Promise<void>((resolve) => {
      const req = http.request(new URL(`${dir.scimBaseUrl}/Users`), { method: "POST", headers: { authorization: `Bearer ${dir.token}`, "content-type": "application/scim+json", "content-length": "5000" } });
      req.on("error", () => resolve());
      req.write(`{"schemas":["${USER_URN}"],"userName":"half`);
      setTimeout(() => { req.destroy(); resolve(); }, 300);
    });
    const res = await fetch(`${dir.scimBaseUrl}/Users`, { headers: { authorization: `Bearer ${dir.token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ totalResults: 0 });
  });
});
