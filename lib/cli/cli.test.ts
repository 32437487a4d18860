import { describe, expect, it } from "vitest";
import { cliRunner } from "@/lib/testing/cli-runner";
import { setupTestDatabase } from "@/lib/testing/test-database";

const databaseUrl = setupTestDatabase();

const { dsync, dsyncJson, sql } = cliRunner(databaseUrl);

async function scimTokenWorks(directoryId: string, token: string) {
  const rows = await sql(
    `SELECT 1 FROM "ScimToken" WHERE "directoryId" = $1 AND "tokenHash" = encode(sha256(convert_to($2, 'UTF8')), 'hex') AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())`,
    [directoryId, token],
  );
  return rows.length === 1;
}

describe("dsync CLI", () => {
  it("org create prints {id, slug, name}", async () => {
    const org = await dsyncJson("org", "create", "--name", "Acme Corp", "--slug", "acme", "--domain", "acme.com", "--domain", "acme.io");
    expect(org).toEqual({ id: expect.stringMatching(/^org_[0-9a-z]{26}$/), slug: "acme", name: "Acme Corp", domains: ["acme.com", "acme.io"], supportContact: null });
  });

  it("org create keeps the organisation's support contact, named on its expired setup links", async () => {
    const org = await dsyncJson("org", "create", "--name", "Hooli", "--slug", "hooli-contact", "--support-contact", " it-help@hooli.example ");
    expect(org).toMatchObject({ slug: "hooli-contact", supportContact: "it-help@hooli.example" });
  });

  it("org list lists organizations, as JSON and as a table", async () => {
    await dsyncJson("org", "create", "--name", "Globex", "--slug", "globex");
    const list = (await dsyncJson("org", "list")) as { organizations: { slug: string }[] };
    expect(list.organizations.map((o) => o.slug)).toEqual(expect.arrayContaining(["acme", "globex"]));
    const text = await dsync("org", "list");
    expect(text.stdout).toMatch(/SLUG\s+NAME/);
    expect(text.stdout).toMatch(/globex\s+Globex/);
  });

  it("directory create prints a usable SCIM base URL and a token that is stored only hashed", async () => {
    const dir = await dsyncJson("directory", "create", "--org", "acme", "--provider", "okta", "--mode", "full");
    expect(dir).toMatchObject({ id: expect.stringMatching(/^dir_/), orgId: expect.stringMatching(/^org_/), token: expect.stringMatching(/^rc_scim_/) });
    expect(dir.scimBaseUrl).toBe(`https://rollcall.test/scim/v2/${String(dir.id)}`);
    expect(await scimTokenWorks(String(dir.id), String(dir.token))).toBe(true);

    // No trace of the token in clear anywhere in the database.
    const tables = await sql<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    for (const { table_name } of tables) {
      const hits = await sql(`SELECT 1 FROM "${table_name}" t WHERE t::text LIKE $1`, [`%${String(dir.token).slice(8)}%`]);
      expect(hits, table_name).toHaveLength(0);
    }
  });

  it("directory create in deprovision-only mode, with a name", async () => {
    const dir = await dsyncJson("directory", "create", "--org", "globex", "--provider", "entra", "--mode", "deprovision-only", "--name", "Globex Entra");
    const rows = await sql<{ syncMode: string; name: string; provider: string }>(`SELECT "syncMode", name, provider FROM "Directory" WHERE id = $1`, [dir.id]);
    expect(rows[0]).toEqual({ syncMode: "DEPROVISION_ONLY", name: "Globex Entra", provider: "entra" });
  });

  it("directory list filters by organization", async () => {
    const all = (await dsyncJson("directory", "list")) as { directories: { org: string }[] };
    expect(new Set(all.directories.map((d) => d.org))).toEqual(new Set(["acme", "globex"]));
    const globex = (await dsyncJson("directory", "list", "--org", "globex")) as { directories: { org: string; syncMode: string }[] };
    expect(globex.directories).toEqual([expect.objectContaining({ org: "globex", syncMode: "DEPROVISION_ONLY" })]);
  });

  it("token rotate issues a new token and keeps the old one for the grace period; token revoke stops one at once", async () => {
    const dir = await dsyncJson("directory", "create", "--org", "acme", "--provider", "entra", "--mode", "full");
    const rotated = await dsyncJson("token", "rotate", "--directory", String(dir.id), "--grace", "2h");
    expect(rotated.token).not.toBe(dir.token);
    const until = new Date(String(rotated.previousTokensExpireAt)).getTime();
    expect(until - Date.now()).toBeGreaterThan(119 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(120 * 60_000);
    expect(await scimTokenWorks(String(dir.id), String(dir.token))).toBe(true);
    expect(await scimTokenWorks(String(dir.id), String(rotated.token))).toBe(true);

    const revoked = await dsyncJson("token", "revoke", "--directory", String(dir.id), "--token-prefix", String(dir.token).slice(0, 14));
    expect(revoked).toEqual({ directoryId: dir.id, revoked: 1 });
    expect(await scimTokenWorks(String(dir.id), String(dir.token))).toBe(false);
    expect(await scimTokenWorks(String(dir.id), String(rotated.token))).toBe(true);

    expect(await dsyncJson("token", "revoke", "--directory", String(dir.id))).toEqual({ directoryId: dir.id, revoked: 1 });
    expect(await scimTokenWorks(String(dir.id), String(rotated.token))).toBe(false);
  });

  it("token rotate defaults to a 24 hour grace period", async () => {
    const dir = await dsyncJson("directory", "create", "--org", "acme", "--provider", "google", "--mode", "full");
    const rotated = await dsyncJson("token", "rotate", "--directory", String(dir.id));
    const hours = (new Date(String(rotated.previousTokensExpireAt)).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it.each([
    [["bogus"], 2, 'error: Unknown command "bogus"; run with --help to list the commands'],
    [["org", "create", "--slug", "x"], 2, "error: --name is required"],
    [["org", "create", "--name", "X", "--slug", "Bad Slug!"], 1, "error: slug: must be 1-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen"],
    [["org", "create", "--name", "Dup", "--slug", "acme"], 1, 'error: An organization with slug "acme" already exists'],
    [["org", "create", "--name", "X", "--slug", "x", "--domain", "not a domain"], 1, "error: domains.0: must be a domain name such as acme.com"],
    [["org", "create", "--name", "X", "--slug", "x", "--colour", "red"], 2, "error: Unknown option '--colour'. Usage: org create --name <name> --slug <slug> [--domain <domain>]... [--support-contact <email or URL>]"],
    [["org", "create", "--name", "X", "--slug", "x", "--support-contact", "call Bob"], 1, "error: supportContact: must be an email address or an http(s) web address"],
    [["org", "create", "--name", "X", "--slug", "x", "--support-contact", "javascript:alert(1)"], 1, "error: supportContact: must be an email address or an http(s) web address"],
    [["directory", "create", "--org", "acme", "--provider", "ping", "--mode", "full"], 2, 'error: --provider must be one of entra, okta, google, onelogin, jumpcloud, generic (got "ping")'],
    [["directory", "create", "--org", "acme", "--provider", "okta", "--mode", "sometimes"], 2, 'error: --mode must be full or deprovision-only (got "sometimes")'],
    [["directory", "create", "--org", "nope", "--provider", "okta", "--mode", "full"], 1, 'error: No organization with slug "nope"'],
    [["directory", "list", "--org", "nope"], 1, 'error: No organization with slug "nope"'],
    [["token", "rotate", "--directory", "dir_missing"], 1, "error: Directory dir_missing not found"],
    [["token", "rotate", "--directory", "dir_missing", "--grace", "soon"], 2, 'error: --grace must be a duration such as 24h, 30m or 0 (got "soon")'],
    [["token", "revoke"], 2, "error: --directory is required"],
    [["token", "revoke", "--directory", "dir_missing"], 1, "error: Directory dir_missing not found"],
  ])("%j fails with exit %i and one line", async (args, code, message) => {
    const before = await sql(`SELECT (SELECT count(*) FROM "Organization") o, (SELECT count(*) FROM "Directory") d, (SELECT count(*) FROM "ScimToken") t`);
    const run = await dsync(...args, "--json");
    expect(run.code).toBe(code);
    expect(run.stderr).toBe(`${message}\n`);
    expect(run.stdout).toBe("");
    expect(await sql(`SELECT (SELECT count(*) FROM "Organization") o, (SELECT count(*) FROM "Directory") d, (SELECT count(*) FROM "ScimToken") t`)).toEqual(before);
  });

  it("prints help", async () => {
    const run = await dsync("--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("directory create --org <slug>");
  });
});
