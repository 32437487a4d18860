import { describe, expect, it } from "vitest";
import { cliRunner } from "@/lib/testing/cli-runner";
import { setupTestDatabase } from "@/lib/testing/test-database";

const databaseUrl = setupTestDatabase();

const { dsync, dsyncJson, sql } = cliRunner(databaseUrl);

const sha256 = `encode(sha256(convert_to($1, 'UTF8')), 'hex')`;

describe("dsync key, account and session commands", () => {
  it("key create makes a global key, printed once and stored only as its hash", async () => {
    const key = await dsyncJson("key", "create", "--name", "host product");
    expect(key).toEqual({ id: expect.stringMatching(/^key_/), name: "host product", prefix: String(key.key).slice(0, 13), orgId: null, org: null, key: expect.stringMatching(/^rc_key_[A-Za-z0-9_-]{43}$/) });
    expect(await sql(`SELECT id FROM "ApiKey" WHERE "keyHash" = ${sha256} AND "organizationId" IS NULL`, [key.key])).toEqual([{ id: key.id }]);
    const tables = await sql<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    for (const { table_name } of tables) {
      expect(await sql(`SELECT 1 FROM "${table_name}" t WHERE t::text LIKE $1`, [`%${String(key.key).slice(13)}%`]), table_name).toHaveLength(0);
    }
  });

  it("key create --org makes a key scoped to that organisation; key list shows it without the key", async () => {
    const org = await dsyncJson("org", "create", "--name", "Acme", "--slug", "acme");
    const key = await dsyncJson("key", "create", "--org", "acme");
    expect(key).toMatchObject({ orgId: org.id, org: "acme", name: "API key" });
    const listed = (await dsyncJson("key", "list", "--org", "acme")) as { keys: Record<string, unknown>[] };
    expect(listed.keys).toEqual([{ id: key.id, name: "API key", prefix: key.prefix, orgId: org.id, org: "acme", createdAt: expect.any(String), lastUsedAt: null, revokedAt: null }]);
    expect(JSON.stringify(listed)).not.toContain(String(key.key));
    const text = await dsync("key", "list");
    expect(text.stdout).toMatch(/PREFIX\s+NAME\s+ORG/);
    expect(text.stdout).toMatch(/\(global\)/);
  });

  it("key revoke --prefix stops the key", async () => {
    const key = await dsyncJson("key", "create", "--name", "to revoke");
    expect(await dsyncJson("key", "revoke", "--prefix", String(key.prefix))).toEqual({ id: key.id, prefix: key.prefix, revoked: 1 });
    const [row] = await sql<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM "ApiKey" WHERE id = $1`, [key.id]);
    expect(row!.revokedAt).toBeInstanceOf(Date);
  });

  it("account create and session create: the token is printed once and verifies", async () => {
    const account = await dsyncJson("account", "create", "--org", "acme", "--email", "Ada@Example.com", "--name", "Ada");
    expect(account).toEqual({ id: expect.stringMatching(/^acc_/), orgId: expect.stringMatching(/^org_/), email: "Ada@Example.com", name: "Ada", status: "active", source: "manual" });
    const session = await dsyncJson("session", "create", "--account", String(account.id), "--ttl", "2h");
    expect(session).toEqual({ id: expect.stringMatching(/^ses_/), accountId: account.id, orgId: account.orgId, expiresAt: expect.any(String), token: expect.stringMatching(/^rc_ses_/) });
    const hours = (new Date(String(session.expiresAt)).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
    expect(await sql(`SELECT id FROM "Session" WHERE "tokenHash" = ${sha256}`, [session.token])).toEqual([{ id: session.id }]);
    const text = await dsync("session", "create", "--account", String(account.id));
    expect(text.stdout).toMatch(/^Session token: rc_ses_\S+$/m);
  });

  it("session create refuses a deactivated account", async () => {
    const account = await dsyncJson("account", "create", "--org", "acme", "--email", "gone@example.com");
    await sql(`UPDATE "Account" SET status = 'deactivated' WHERE id = $1`, [account.id]);
    const run = await dsync("session", "create", "--account", String(account.id), "--json");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: Account ${String(account.id)} is deactivated: it cannot start a session\n`);
  });

  it.each([
    [["key", "create", "--org", "nope"], 1, 'error: No organization with slug "nope"'],
    [["key", "create", "--name", ""], 2, "error: --name needs a value"],
    [["key", "list", "--org", "nope"], 1, 'error: No organization with slug "nope"'],
    [["key", "revoke"], 2, "error: --prefix is required"],
    [["key", "revoke", "--prefix", "rc_key_nomatch"], 1, 'error: No active API key with prefix "rc_key_nomatch"'],
    [["key", "revoke", "--prefix", "rc_key_"], 1, /^error: Prefix "rc_key_" matches \d+ active API keys; give more of it$/],
    [["key", "create", "--scope", "all"], 2, "error: Unknown option '--scope'. Usage: key create [--org <slug>] [--name <name>]"],
    [["account", "create", "--org", "acme"], 2, "error: --email is required"],
    [["account", "create", "--email", "a@example.com"], 2, "error: --org is required"],
    [["account", "create", "--org", "acme", "--email", "not-an-email"], 1, "error: email: must be an email address"],
    [["account", "create", "--org", "acme", "--email", "ADA@example.com"], 1, "error: An account with email ADA@example.com already exists in this organization"],
    [["account", "create", "--org", "nope", "--email", "a@example.com"], 1, 'error: No organization with slug "nope"'],
    [["session", "create"], 2, "error: --account is required"],
    [["session", "create", "--account", "acc_missing"], 1, "error: Account acc_missing not found"],
    [["session", "create", "--account", "acc_missing", "--ttl", "forever"], 2, 'error: --ttl must be a duration such as 7d, 12h or 3600 (got "forever")'],
  ] as [string[], number, string | RegExp][])("%j fails with exit %i and one line", async (args, code, message) => {
    const counts = `SELECT (SELECT count(*) FROM "ApiKey" WHERE "revokedAt" IS NULL) k, (SELECT count(*) FROM "Account") a, (SELECT count(*) FROM "Session") s`;
    const before = await sql(counts);
    const run = await dsync(...args, "--json");
    expect(run.code).toBe(code);
    if (typeof message === "string") expect(run.stderr).toBe(`${message}\n`);
    else expect(run.stderr.trimEnd()).toMatch(message);
    expect(run.stdout).toBe("");
    expect(await sql(counts)).toEqual(before);
  });

  it("lists the new commands in --help", async () => {
    const run = await dsync("--help");
    for (const usage of ["key create [--org <slug>]", "key list", "key revoke --prefix", "account create --org <slug> --email <email>", "session create --account <id>"]) {
      expect(run.stdout).toContain(usage);
    }
  });
});
