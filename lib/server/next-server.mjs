// The Next.js server that `npm start` runs: Next's own request handler behind a plain node:http server,
// which first replaces the proxy headers with the one address Rollcall can trust (lib/http/
// trusted-client-address.mjs). `next start` keeps a client-sent X-Forwarded-For as it is, and route
// handlers never see the socket, so without this every per-address limit trusted what the client wrote.
// Plain JavaScript, so that Next's server runs without a TypeScript loader in the process.
import http from "node:http";
import path from "node:path";
import next from "next";
import { trustedClientAddress } from "../http/trusted-client-address.mjs";
import { loadScimRoutes } from "./serve-scim-route.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);
const dir = path.resolve(import.meta.dirname, "../..");

const app = next({ dev, dir, port });
await app.prepare();
const handle = app.getRequestHandler();
// Production only: `next dev` compiles routes on demand, so there is no built module to call (issue 13, item 4).
// SCIM_VIA_NEXT=1 sends SCIM through Next.js's pipeline too, for the benchmark's comparison.
const serveScim = dev || process.env.SCIM_VIA_NEXT === "1" ? null : await loadScimRoutes(dir);

const server = http.createServer((req, res) => {
  const client = trustedClientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, hops);
  delete req.headers["x-real-ip"];
  if (client) req.headers["x-forwarded-for"] = client;
  else delete req.headers["x-forwarded-for"];
  if (serveScim && isScimPath(req.url)) void serveScim(req, res);
  else void handle(req, res);
});
// Keep idle connections open longer than any client does (undici closes its own after 4 s, load balancers
// after 60 s): with Node's default of 5 s, a client could send a request on a socket at the moment the server
// closed it, and the request failed with "other side closed" instead of being answered.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, () => process.stdout.write(`[rollcall] Next.js ${dev ? "(development) " : ""}listening on port ${port}\n`));

function isScimPath(url = "/") {
  return url === "/scim" || url.startsWith("/scim/") || url.startsWith("/scim?");
}

const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
