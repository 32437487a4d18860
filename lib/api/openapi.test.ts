import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

const API_ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/api/v1 as "METHOD /api/v1/path/{param}", from the files themselves. */
function routesOnDisk(): string[] {
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const segments = path.relative(API_ROOT, dir).split(path.sep).filter(Boolean);
        // The catch-all only answers a JSON 404 for paths that are not endpoints.
        if (segments.some((s) => s.startsWith("[..."))) continue;
        const apiPath = ["/api/v1", ...segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))].join("/");
        const source = readFileSync(full, "utf8");
        for (const method of METHODS) {
          if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source)) routes.push(`${method} ${apiPath}`);
        }
      }
    }
  };
  walk(API_ROOT);
  return routes.sort();
}

describe("GET /api/v1/openapi.json", () => {
  const doc = buildOpenApiDocument({ serverUrl: "https://rollcall.test" });
  const documented = Object.entries(doc.paths)
    .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();

  it("documents exactly the route files under app/api/v1, method by method", () => {
    const onDisk = routesOnDisk();
    expect(onDisk.length).toBeGreaterThan(25);
    expect(documented).toEqual(onDisk);
  });

  it("is OpenAPI 3.1 with the bearer scheme on every operation but itself", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.apiKey).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
    expect(doc.security).toEqual([{ apiKey: [] }]);
    expect((doc.paths["/api/v1/openapi.json"]!.get as { security: unknown }).security).toEqual([]);
  });

  it("declares every path parameter, and a 401 and an error schema wherever a key is needed", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops) as [string, { parameters?: { name: string; in: string; required: boolean }[]; responses: Record<string, unknown>; security?: unknown[] }][]) {
        const pathParams = (op.parameters ?? []).filter((x) => x.in === "path");
        expect(pathParams.map((x) => x.name), `${method} ${p}`).toEqual(names);
        expect(pathParams.every((x) => x.required), `${method} ${p}`).toBe(true);
        if (!op.security) expect(op.responses["401"], `${method} ${p}`).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
      }
    }
  });

  it("generates parameters and bodies from the zod schemas the routes parse with", () => {
    const listUsers = doc.paths["/api/v1/directories/{id}/users"]!.get as { parameters: { name: string; required: boolean; schema: Record<string, unknown> }[] };
    expect(listUsers.parameters.map((x) => x.name)).toEqual(["id", "limit", "after", "group", "state"]);
    expect(listUsers.parameters.find((x) => x.name === "state")!.schema).toMatchObject({ enum: ["active", "inactive"] });
    expect(listUsers.parameters.find((x) => x.name === "limit")!.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 200, default: 50 });

    const createOrg = doc.paths["/api/v1/organizations"]!.post as { requestBody: { required: boolean; content: Record<string, { schema: { required: string[]; additionalProperties: boolean } }> } };
    expect(createOrg.requestBody.required).toBe(true);
    expect(createOrg.requestBody.content["application/json"]!.schema).toMatchObject({ required: ["name", "slug"], additionalProperties: false });

    const verify = doc.paths["/api/v1/sessions/verify"]!.post as { responses: Record<string, { content: Record<string, { schema: unknown }> }> };
    expect(verify.responses["200"]!.content["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/SessionVerification" });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Account", "Directory", "DirectoryUser", "DirectoryGroupDetail", "Error", "Session", "SyncLogEntry", "Event", "WebhookEndpoint"]));
  });

  it("documents the SSO connection's body per protocol, and no client secret in any answer (issue 11)", () => {
    const ops = doc.paths["/api/v1/organizations/{id}/sso-connection"] as Record<string, { requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>;
    expect(Object.keys(ops).sort()).toEqual(["delete", "get", "put"]);
    expect(ops.put!.requestBody).toMatchObject({ required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/PutSsoConnectionBody" } } } });
    const body = doc.components.schemas.PutSsoConnectionBody as { oneOf: { properties: Record<string, unknown>; required: string[] }[] };
    expect(body.oneOf.map((o) => Object.keys(o.properties).sort())).toEqual([
      ["allow_idp_initiated", "metadata_url", "metadata_xml", "protocol", "provider"],
      ["client_id", "client_secret", "issuer", "protocol", "provider"],
    ]);
    expect(body.oneOf.map((o) => o.required)).toEqual([["protocol"], ["protocol", "issuer", "client_id"]]);
    expect(ops.get!.responses["200"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/SsoConnectionSettings" });
    const answered = JSON.stringify(["SsoConnectionSettings", "SamlConnection", "OidcConnection", "SsoServiceProvider"].map((id) => doc.components.schemas[id]));
    expect(answered).toContain('"has_client_secret"');
    expect(answered).toContain('"acs_url"');
    expect(answered).not.toContain('"client_secret"');
    const uris = doc.paths["/api/v1/sso/redirect-uris"] as Record<string, { responses: Record<string, unknown> }>;
    expect(Object.keys(uris).sort()).toEqual(["get", "put"]);
    expect(uris.put!.responses).toHaveProperty(["403"]);
  });

  it("has only references that resolve", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty([ref]);
  });
});
