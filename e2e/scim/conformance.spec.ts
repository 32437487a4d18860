// The external SCIM conformance suites from ../shared/scim, run against the production build:
// Microsoft's Postman collection (through newman) and Okta's SPEC test (through runscope-runner.mjs).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "../fixtures";
import { newDirectory } from "../support/cli";
import { GROUP_URN, USER_URN, scimClient, userBody } from "../support/scim";

const SUITES = path.resolve(import.meta.dirname, "../../../shared/scim");
const present = existsSync(path.join(SUITES, "microsoft-scim-postman-collection.json"));

if (!present) {
  if (process.env.REQUIRE_CONFORMANCE === "1") throw new Error(`SCIM conformance suites missing at ${SUITES}, and REQUIRE_CONFORMANCE=1`);
  console.log(`SCIM conformance suites not found at ${SUITES}: skipping them.`);
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

test.describe("SCIM conformance", () => {
  test.skip(!present, "../shared/scim is absent");
  test.setTimeout(240_000);

  test("Microsoft's SCIM validation collection passes with 0 failures on an empty directory", async ({ baseURL }) => {
    const dir = newDirectory("entra");
    const url = new URL(baseURL!);
    const collection = path.join(SUITES, "microsoft-scim-postman-collection.json");
    const folders = (JSON.parse(readFileSync(collection, "utf8")) as { item: { name: string }[] }).item
      .map((i) => i.name)
      .filter((name) => name !== "Get Token");
    const report = path.join(test.info().outputDir, "newman.json");
    const newman = path.resolve("node_modules/.bin/newman");
    const { code, output } = await run(newman, [
      "run", collection,
      ...folders.flatMap((f) => ["--folder", f]),
      "--env-var", `Protocol=${url.protocol.replace(":", "")}`,
      "--env-var", `Server=${url.hostname}`,
      "--env-var", `Port=:${url.port}`,
      "--env-var", `Api=scim/v2/${dir.id}`,
      "--env-var", `token=${dir.token}`,
      "--reporters", "cli,json", "--reporter-json-export", report, "--disable-unicode", "--color", "off",
    ]);
    const stats = (JSON.parse(readFileSync(report, "utf8")) as { run: { stats: { assertions: { total: number; failed: number }; requests: { total: number; failed: number } } } }).run.stats;
    expect(stats.assertions.total, output).toBeGreaterThan(50);
    expect(stats.requests.failed, output).toBe(0);
    expect(stats.assertions.failed, output).toBe(0);
    expect(code, output).toBe(0);
  });

  test("Okta's SCIM 2.0 SPEC test passes with 0 failures on a directory holding one user", async () => {
    const dir = newDirectory("okta");
    const seeded = await fetch(`${dir.scimBaseUrl}/Users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json" },
      body: JSON.stringify({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "seed.user@example.com",
        name: { givenName: "Seed", familyName: "User" },
        emails: [{ value: "seed.user@example.com", type: "work", primary: true }],
        active: true,
      }),
    });
    expect(seeded.status, await seeded.text()).toBe(201);
    const { code, output } = await run(process.execPath, [
      path.join(SUITES, "runscope-runner.mjs"),
      path.join(SUITES, "okta-scim-2.0-spec-test.json"),
      "--init", path.join(SUITES, "okta-spec-initial-script.txt"),
    ], { SCIMBaseURL: dir.scimBaseUrl, auth: `Bearer ${dir.token}` });
    expect(output).toMatch(/\d+ passed, 0 failed/);
    expect(code, output).toBe(0);
  });
});

// RFC 7644 §3.4.3, found missing by an external SCIM suite (issue 13): a search by POST answers exactly what the GET with
// the same parameters answers, on /Users, /Groups and the root; operations SCIM defines but Rollcall does not offer
// answer 501 with a SCIM error, and unknown paths stay 404.
test.describe("POST /scim/v2/{dir}/.search, /Users/.search, /Groups/.search", () => {
  const SEARCH_URN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
  const ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
  type Seeded = { dir: ReturnType<typeof newDirectory>; scim: ReturnType<typeof scimClient>; users: string[]; groups: string[] };
  let seeded: Seeded;

  test.beforeAll(async () => {
    const dir = newDirectory("generic");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const scim = scimClient(dir);
    const users: string[] = [];
    for (const name of ["ann", "bob", "cy", "dee", "eve"]) {
      const res = await scim.post("/Users", userBody(`${name}.search@example.com`, { displayName: `${name} Search` }));
      expect(res.status, res.text).toBe(201);
      users.push(String(res.body?.id));
    }
    const groups: string[] = [];
    for (const name of ["Alpha", "Beta", "Gamma"]) {
      const res = await scim.post("/Groups", { schemas: [GROUP_URN], displayName: `${name} Search`, members: users.slice(0, 2).map((value) => ({ value })) });
      expect(res.status, res.text).toBe(201);
      groups.push(String(res.body?.id));
    }
    seeded = { dir, scim, users, groups };
  });

  /** The GET query string and the SearchRequest that mean the same. */
  function both(params: Record<string, string | number | string[]>) {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]));
    return { query: `?${query}`, body: { schemas: [SEARCH_URN], ...params } };
  }

  for (const [name, params] of [
    ["a filter with paging and sorting", { filter: 'userName sw "b" or userName sw "d" or displayName co "Search"', startIndex: 2, count: 2, sortBy: "userName", sortOrder: "descending" }],
    ["attributes", { attributes: ["userName", "emails"], count: 3 }],
    ["excludedAttributes and a filter matching nothing", { excludedAttributes: ["groups"], filter: 'userName eq "nobody@example.com"' }],
  ] as const) {
    test(`POST /Users/.search with ${name} answers what GET /Users answers`, async () => {
      const { query, body } = both(params as Record<string, string | number | string[]>);
      const get = await seeded.scim.get(`/Users${query}`);
      const post = await seeded.scim.post("/Users/.search", body);
      expect(get.status, get.text).toBe(200);
      expect(post.status, post.text).toBe(200);
      expect(post.headers.get("content-type")).toBe(get.headers.get("content-type"));
      expect(post.body, post.text).toEqual(get.body);
    });
  }

  test("POST /Groups/.search answers what GET /Groups answers, members excluded or not", async () => {
    for (const params of [{ filter: 'displayName sw "Beta"' }, { excludedAttributes: ["members"], startIndex: 2, count: 5 }] as Record<string, string | number | string[]>[]) {
      const { query, body } = both(params);
      const get = await seeded.scim.get(`/Groups${query}`);
      const post = await seeded.scim.post("/Groups/.search", body);
      expect(get.status, get.text).toBe(200);
      expect(post.body, post.text).toEqual(get.body);
    }
    const one = await seeded.scim.post("/Groups/.search", { schemas: [SEARCH_URN], filter: 'displayName eq "Beta Search"' });
    expect(one.body, one.text).toMatchObject({ totalResults: 1, Resources: [{ id: seeded.groups[1], displayName: "Beta Search" }] });
  });

  test("the root POST /.search answers what GET on the root answers: users, then groups, paged as one list", async () => {
    const whole = await seeded.scim.post("/.search", { schemas: [SEARCH_URN] });
    expect(whole.status, whole.text).toBe(200);
    expect(whole.body?.totalResults, whole.text).toBe(8);
    const ids = ((whole.body?.Resources ?? []) as { id: string }[]).map((r) => r.id);
    expect(ids, whole.text).toEqual([...seeded.users, ...seeded.groups]);
    expect(((whole.body?.Resources ?? []) as { schemas: string[] }[]).map((r) => r.schemas[0])).toEqual([
      ...seeded.users.map(() => USER_URN), ...seeded.groups.map(() => GROUP_URN),
    ]);

    // A page across the boundary between the types.
    const { query, body } = both({ startIndex: 4, count: 3, excludedAttributes: ["groups", "members"] });
    const get = await seeded.scim.get(query);
    const post = await seeded.scim.post("/.search", body);
    expect(get.status, get.text).toBe(200);
    expect(post.body, post.text).toEqual(get.body);
    expect(post.body, post.text).toMatchObject({ totalResults: 8, startIndex: 4, itemsPerPage: 3 });
    expect(((post.body?.Resources ?? []) as { id: string }[]).map((r) => r.id)).toEqual([seeded.users[3], seeded.users[4], seeded.groups[0]]);

    // A filter on one type's attribute finds only that type.
    const groupsOnly = await seeded.scim.post("/.search", { schemas: [SEARCH_URN], filter: 'displayName sw "Gamma"' });
    expect(((groupsOnly.body?.Resources ?? []) as { id: string }[]).map((r) => r.id), groupsOnly.text).toEqual([seeded.groups[2]]);
  });

  test("a bad SearchRequest is a 400 SCIM error, and a bad filter the same error GET gives", async () => {
    const noSchemas = await seeded.scim.post("/Users/.search", { filter: "userName pr" });
    expect(noSchemas.status, noSchemas.text).toBe(400);
    expect(noSchemas.body, noSchemas.text).toMatchObject({ schemas: [ERROR_URN], scimType: "invalidSyntax" });
    const badCount = await seeded.scim.post("/Users/.search", { schemas: [SEARCH_URN], count: "ten" });
    expect(badCount.body, badCount.text).toMatchObject({ status: "400", scimType: "invalidValue", detail: expect.stringContaining("count") });
    const filter = 'userName eq "unclosed';
    const get = await seeded.scim.get(`/Users?filter=${encodeURIComponent(filter)}`);
    const post = await seeded.scim.post("/Users/.search", { schemas: [SEARCH_URN], filter });
    expect(post.status, post.text).toBe(400);
    expect(post.body, post.text).toEqual(get.body);
  });

  test("GET /Users/.search answers 405 naming POST, not a lookup of a user called .search", async () => {
    const res = await seeded.scim.get("/Users/.search");
    expect(res.status, res.text).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.body, res.text).toMatchObject({ schemas: [ERROR_URN], status: "405" });
  });

  test("/Bulk and /Me answer 501 with a SCIM error, an unknown path 404, and /ServiceProviderConfig says bulk is unsupported", async () => {
    for (const [method, path] of [["POST", "/Bulk"], ["GET", "/Me"], ["GET", "/bulk"]] as const) {
      const res = await seeded.scim.request(method, path, method === "POST" ? { schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations: [] } : undefined);
      expect(res.status, res.text).toBe(501);
      expect(res.body, res.text).toMatchObject({ schemas: [ERROR_URN], status: "501", detail: expect.any(String) });
    }
    const unknown = await seeded.scim.get("/Widgets");
    expect(unknown.status, unknown.text).toBe(404);
    expect(unknown.body, unknown.text).toMatchObject({ schemas: [ERROR_URN], status: "404" });
    const config = await seeded.scim.get("/ServiceProviderConfig");
    expect(config.body, config.text).toMatchObject({ bulk: { supported: false }, filter: { supported: true }, sort: { supported: true } });
  });

  test("a deprovision-only directory's POST /Groups/.search answers an empty list, as its GET /Groups does", async () => {
    const dir = newDirectory("generic", "deprovision-only");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const scim = scimClient(dir);
    const get = await scim.get("/Groups?startIndex=1");
    const post = await scim.post("/Groups/.search", { schemas: [SEARCH_URN], startIndex: 1 });
    expect(post.status, post.text).toBe(200);
    expect(post.body, post.text).toEqual(get.body);
  });
});
