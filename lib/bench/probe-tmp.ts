import { spawn } from "node:child_process";
import { startThrowawayPostgres } from "@/lib/testing/throwaway-postgres";
import { freePort } from "@/lib/testing/free-port";
const pgs = await startThrowawayPostgres();
process.env.DATABASE_URL = pgs.url;
const { createOrganization } = await import("@/lib/organizations/create-organization");
const { createDirectory } = await import("@/lib/directory/create-directory");
const org = await createOrganization({ name: "p", slug: "p" });
const port = await freePort();
const appUrl = `http://127.0.0.1:${port}`;
const { directory, token } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], { env: { ...process.env, APP_URL: appUrl, NODE_ENV: "production" }, stdio: "ignore" });
for (;;) { try { if ((await fetch(`${appUrl}/api/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const base = `${appUrl}/scim/v2/${directory.id}`;
const h = { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" };
async function t(label: string, n: number, conc: number, f: (i: number) => Promise<Response>) {
  let next = 0; const s = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => { while (next < n) { const i = next++; await (await f(i)).text(); } }));
  const sec = (performance.now() - s) / 1000; console.log(label, Math.round(n / sec), "req/s");
}
await t("health", 2000, 8, () => fetch(`${appUrl}/api/health`));
await t("scim SPC", 2000, 8, () => fetch(`${base}/ServiceProviderConfig`, { headers: h }));
await t("scim lookup", 2000, 8, (i) => fetch(`${base}/Users?filter=userName eq "u${i}"`, { headers: h }));
await t("scim create", 2000, 8, (i) => fetch(`${base}/Users`, { method: "POST", headers: h, body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `u${i}@x.com`, name: { givenName: "a", familyName: "b" }, emails: [{ value: `u${i}@x.com`, primary: true }] }) }));
child.kill("SIGINT"); await new Promise((r) => child.once("exit", r));
const { disconnectDb } = await import("@/lib/db/client"); await disconnectDb(); await pgs.stop();
