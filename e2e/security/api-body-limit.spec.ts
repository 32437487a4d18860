// Issue 12, item 10: the management API read a chunked body of any size before answering 413. It must count
// the bytes as they arrive and answer as soon as the limit is passed, as SCIM does.
import http from "node:http";
import { appUrl, expect, test } from "../fixtures";
import { createGlobalKey } from "../api/api-client";

test("POST /api/v1/organizations: a chunked body past 1 MB gets its 413 while the client is still sending", async () => {
  const { key } = await createGlobalKey("body limit");
  const url = new URL("/api/v1/organizations", appUrl());
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
      req.destroy();
    });
    req.on("error", (err) => (/ECONNRESET|EPIPE|socket hang up/.test(String(err)) ? undefined : reject(err)));
    // 1.1 MB, then the body never ends: only a server that counts as it reads can answer.
    req.write(`{"name":"${"x".repeat(1_100_000)}`);
    setTimeout(() => reject(new Error("no answer within 15 s: the server waited for the whole body")), 15_000).unref();
  });
  expect(status).toBe(413);
});
