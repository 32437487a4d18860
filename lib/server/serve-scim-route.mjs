// Issue 13, item 4: SCIM requests handed straight to the built route handlers, past Next.js's per-request work.
//
// Why: profiled on this project's 2-core machine, Next.js's own request pipeline (route resolution, the route
// module's loader, its async-storage setup, web-stream response piping) cost about 3–4 ms of CPU per SCIM
// request before any of Rollcall's code ran, more than the SCIM work itself. Next.js documents a custom server
// for this; this one calls the same compiled route modules that `next build` produced from
// app/scim/v2/[directoryId]/[[...path]]/route.ts and app/scim/[[...rest]]/route.ts, so those files stay the one
// definition of the SCIM API, and `next dev` (which compiles on demand) serves them through Next.js as before.
//
// What Next.js did for these requests and this keeps: the response headers of next.config.js's `headers()`
// (read from the build's routes-manifest.json, so they cannot drift), the route parameters decoded per segment,
// and the Web Request the handlers expect. What it drops: Next's router, caching and RSC machinery, which SCIM
// routes (force-dynamic, no next/* APIs) never use.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);

const SCIM_ROUTE = "server/app/scim/v2/[directoryId]/[[...path]]/route.js";
const OTHER_SCIM_ROUTE = "server/app/scim/[[...rest]]/route.js";
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * Loads the built SCIM route modules from `<dir>/.next` and returns a request handler for paths under /scim/,
 * or null when the build lacks them (Next.js then serves /scim/ itself).
 */
export async function loadScimRoutes(dir) {
  const distDir = path.join(dir, ".next");
  const directory = await loadHandlers(path.join(distDir, SCIM_ROUTE));
  const other = await loadHandlers(path.join(distDir, OTHER_SCIM_ROUTE));
  if (!directory || !other) return null;
  const headerRules = readHeaderRules(path.join(distDir, "routes-manifest.json"));

  /** Answers a request whose path starts with /scim/ (or is /scim). */
  return async function serveScim(req, res) {
    try {
      const pathname = (req.url ?? "/").split("?", 1)[0];
      const segments = decodeSegments(pathname.split("/").slice(2));
      // A path that does not decode names no endpoint: the catch-all's SCIM 404, where Next.js answered a
      // text/plain 500 that a SCIM client cannot parse.
      const inDirectory = segments !== null && segments[0] === "v2" && segments[1] !== undefined;
      const routes = inDirectory ? directory : other;
      const params = inDirectory
        ? { directoryId: segments[1], path: segments.length > 2 ? segments.slice(2) : undefined }
        : { rest: segments && segments.length > 0 ? segments : undefined };
      // As in Next.js, HEAD falls back to GET; a method a route does not export gets the catch-all's answer.
      const handler = routes[req.method] ?? (req.method === "HEAD" ? routes.GET : undefined) ?? other.GET;
      const response = await handler(toWebRequest(req), { params: Promise.resolve(params) });
      await send(res, pathname, headerRules, response);
    } catch (err) {
      // The handlers turn every failure into a SCIM error themselves; reaching here is a bug of this file.
      console.error("SCIM request failed before its handler answered:", err);
      if (!res.headersSent) await send(res, "/scim", headerRules, internalError());
      else res.destroy();
    } finally {
      discardUnreadBody(req);
    }
  };
}

async function loadHandlers(file) {
  if (!fs.existsSync(file)) return null;
  const { routeModule } = require(file);
  // Next.js loads a route module's exports lazily; its own server awaits the same before the first request.
  await routeModule.ensureUserland();
  const userland = routeModule.userland;
  const handlers = {};
  for (const method of METHODS) if (typeof userland[method] === "function") handlers[method] = userland[method];
  return handlers;
}

function readHeaderRules(file) {
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  return (manifest.headers ?? []).map((rule) => ({ regex: new RegExp(rule.regex), headers: rule.headers }));
}

/** Next.js decodes each path segment on its own; a segment that does not decode makes the path invalid. */
function decodeSegments(raw) {
  const out = [];
  for (const segment of raw) {
    if (segment === "") continue;
    try {
      out.push(decodeURIComponent(segment));
    } catch {
      return null;
    }
  }
  return out;
}

function toWebRequest(req) {
  // From req.headers, not rawHeaders: the server has already replaced the proxy headers with the trusted address.
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const url = `http://${req.headers.host || "localhost"}${req.url}`;
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // The handlers read the body through lib/http/read-body-limited.ts, which stops at its limit: stream it.
  return new Request(url, hasBody ? { method: req.method, headers, body: bodyStream(req), duplex: "half" } : { method: req.method, headers });
}

/**
 * The request body as a web stream. Not Readable.toWeb: its cancel destroys the request, and so the socket, when
 * a handler stops reading an oversized body, and the 413 it answers could never be sent. Here a cancel only stops
 * delivering, and the rest of the upload is discarded (discardUnreadBody).
 */
function bodyStream(req) {
  let open = true;
  return new ReadableStream({
    start(controller) {
      req.on("data", (chunk) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (controller.desiredSize !== null && controller.desiredSize <= 0) req.pause();
      });
      req.once("end", () => {
        if (open) controller.close();
        open = false;
      });
      req.on("error", (err) => {
        if (open) controller.error(err);
        open = false;
      });
      req.once("close", () => {
        // A client that went away mid-upload: the handler's read fails, as it did under Next.js.
        if (open && !req.complete) controller.error(new Error("The client closed the connection before the request body ended"));
        open = false;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      open = false;
      discardUnreadBody(req);
    },
  }, { highWaterMark: 65536, size: (chunk) => chunk.byteLength });
}

/**
 * A handler that refuses a body before reading it (413 for a Content-Length over the limit) leaves the rest of the
 * upload unread, and the web stream over the request holds it paused: the client would wait on its upload forever
 * (bad-input.spec.ts, "body over 1 MB on PATCH"). Node's server discards what no one reads once it flows again;
 * its request timeout still bounds an endless upload.
 */
function discardUnreadBody(req) {
  if (req.complete) return;
  req.removeAllListeners("data");
  req.resume();
}

/** What lib/http/scim-response.ts made a SCIM response of: its text (null: no body) and headers. */
const WIRE = Symbol.for("rollcall.scim-response-wire");

async function send(res, pathname, headerRules, response) {
  for (const rule of headerRules) {
    if (rule.regex.test(pathname)) for (const { key, value } of rule.headers) res.setHeader(key, value);
  }
  res.statusCode = response.status;
  const wire = response[WIRE];
  if (wire) {
    // Written as made, without reading the body back out of the Response's web stream (issue 13).
    for (const [name, value] of Object.entries(wire.headers)) res.setHeader(name, value);
    if (wire.text === null) return void res.end();
    res.setHeader("content-length", Buffer.byteLength(wire.text));
    return void res.end(wire.text);
  }
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) res.setHeader("content-length", body.length);
  res.end(body);
}

function internalError() {
  const body = { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "500", detail: "Internal server error; the request was not applied" };
  return new Response(JSON.stringify(body), { status: 500, headers: { "content-type": "application/scim+json; charset=utf-8", "cache-control": "no-store" } });
}
