import { dsyncJson } from "../support/cli";
import { expect, test } from "../fixtures";
import { apiClient, createDirectory, createGlobalKey, createOrganization, revokeKey, type IssuedKey } from "./api-client";

test.describe("management API: authentication", () => {
  let key: IssuedKey;
  test.beforeAll(async () => {
    key = await createGlobalKey();
  });

  const routes: [string, string][] = [
    ["GET", "/api/v1/organizations"],
    ["POST", "/api/v1/organizations"],
    ["GET", "/api/v1/directories/dir_x"],
    ["GET", "/api/v1/directories/dir_x/users"],
    ["GET", "/api/v1/accounts/acc_x"],
    ["POST", "/api/v1/sessions/verify"],
    ["GET", "/api/v1/sync-log"],
    ["GET", "/api/v1/sync-log/stream"],
    ["GET", "/api/v1/events"],
    ["GET", "/api/v1/webhook-deliveries"],
    ["GET", "/api/v1/organizations/org_x/sso-connection"],
    ["PUT", "/api/v1/sso/redirect-uris"],
  ];

  test("answers 401 with a JSON error and WWW-Authenticate, without a key or with a bad one", async () => {
    const api = apiClient(key.key);
    const dir = await createDirectory(api, (await createOrganization(api)).id);
    const bad: [string, Record<string, string>][] = [
      ["no header", {}],
      ["an unknown key", { Authorization: `Bearer rc_key_${"A".repeat(43)}` }],
      ["a key with one character more", { Authorization: `Bearer ${key.key}x` }],
      ["Basic credentials", { Authorization: `Basic ${Buffer.from(`x:${key.key}`).toString("base64")}` }],
      ["a SCIM token", { Authorization: `Bearer ${dir.token}` }],
      ["an empty bearer", { Authorization: "Bearer " }],
    ];
    const anonymous = apiClient(undefined);
    for (const [label, headers] of bad) {
      for (const [method, path] of routes) {
        const res = await anonymous.request(method, path, undefined, headers);
        expect(res.status, `${label}: ${method} ${path}: ${res.text}`).toBe(401);
        expect(res.body, `${label}: ${method} ${path}`).toEqual({ error: { code: "unauthorized", message: expect.any(String), fields: {} } });
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      }
    }
  });

  test("stops a key at once when it is revoked, and records its last use", async () => {
    const temporary = await createGlobalKey("e2e revoked");
    const api = apiClient(temporary.key);
    expect((await api.get("/api/v1/organizations?limit=1")).status).toBe(200);
    const listed = dsyncJson<{ keys: { id: string; lastUsedAt: string | null }[] }>("key", "list");
    expect(listed.keys.find((k) => k.id === temporary.id)?.lastUsedAt).toEqual(expect.any(String));
    await revokeKey(temporary.prefix);
    const res = await api.get("/api/v1/organizations?limit=1");
    expect(res.status, res.text).toBe(401);
  });
});

test.describe("management API: errors", () => {
  let api: ReturnType<typeof apiClient>;
  test.beforeAll(async () => {
    api = apiClient((await createGlobalKey()).key);
  });

  test("POST /api/v1/organizations: 400 with a message for each field at fault", async () => {
    const res = await api.post("/api/v1/organizations", { slug: "Bad Slug!", domains: ["acme.com", "not a domain"], colour: "red" });
    expect(res.status, res.text).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: "invalid_input",
        message: expect.stringMatching(/^Invalid request: /),
        fields: {
          name: "is required",
          slug: "must be 1-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen",
          "domains.1": "must be a domain name such as acme.com",
          colour: "is not a known field",
        },
      },
    });
  });

  test("query parameters are validated field by field", async () => {
    const cases: [string, Record<string, string>][] = [
      ["/api/v1/organizations?limit=0", { limit: "must be at least 1" }],
      ["/api/v1/organizations?limit=lots", { limit: "must be a whole number" }],
      ["/api/v1/directories?limit=201", { limit: "must be at most 200" }],
      ["/api/v1/sync-log?status=oops&since=yesterday", { status: "must be a status class (2xx, 4xx, 5xx) or a status code", since: "must be an ISO 8601 date-time such as 2026-11-23T09:30:00Z" }],
      ["/api/v1/events?after=not-a-cursor", { after: "after: not a cursor returned by the events feed" }],
      ["/api/v1/webhook-deliveries?status=lost", { status: "must be one of pending, succeeded, retrying, dead" }],
    ];
    for (const [path, fields] of cases) {
      const res = await api.get(path);
      expect(res.status, `${path}: ${res.text}`).toBe(400);
      expect((res.body as { error: { fields: unknown } }).error.fields, path).toEqual(fields);
    }
  });

  test("a body that is not JSON is refused clearly", async () => {
    const broken = await api.request("POST", "/api/v1/organizations", "{not json", { "Content-Type": "application/json" });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: "invalid_json" } });
    const form = await api.request("POST", "/api/v1/organizations", "name=x&slug=x", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ error: { code: "unsupported_media_type" } });
  });

  test("errors never carry a stack trace, and unknown paths are a JSON 404", async () => {
    for (const path of ["/api/v1/nothing-here", "/api/v1/organizations/org_x/nothing"]) {
      const res = await api.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).toMatchObject({ error: { code: "not_found" } });
    }
    const missing = await api.get("/api/v1/directories/dir_missing");
    expect(missing.status).toBe(404);
    expect(missing.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  });
});

test.describe("GET /api/v1/openapi.json", () => {
  test("needs no key and documents every endpoint with the bearer scheme", async () => {
    const res = await apiClient(undefined).get<{ openapi: string; paths: Record<string, Record<string, unknown>>; components: { securitySchemes: Record<string, unknown> } }>("/api/v1/openapi.json");
    expect(res.status, res.text).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(res.body.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/organizations/{id}/accounts",
        "/api/v1/directories/{id}/groups/{groupId}",
        "/api/v1/sessions/verify",
        "/api/v1/sync-log/stream",
        "/api/v1/webhook-deliveries/{id}/redeliver",
      ]),
    );
  });
});
