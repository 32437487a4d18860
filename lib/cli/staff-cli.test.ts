import { describe, expect, it } from "vitest";
import { verifyStaffPassword } from "@/lib/staff/staff-password";
import { cliRunner } from "@/lib/testing/cli-runner";
import { setupTestDatabase } from "@/lib/testing/test-database";

const databaseUrl = setupTestDatabase();
const { dsync, dsyncWithStdin, sql } = cliRunner(databaseUrl);

describe("dsync staff", () => {
  it("staff create --password-stdin makes the first admin, storing only an argon2id hash", async () => {
    const run = await dsyncWithStdin("first admin password\n", "staff", "create", "--email", "Root@Staff.test", "--role", "admin", "--name", "Root", "--password-stdin", "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ id: expect.stringMatching(/^stf_/), email: "Root@Staff.test", name: "Root", role: "admin" });
    const [row] = await sql<{ passwordHash: string; role: string }>(`SELECT "passwordHash", role::text FROM "StaffUser" WHERE email = 'root@staff.test'`);
    expect(row!.role).toBe("admin");
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    // The newline that ends the piped line is not part of the password.
    expect(await verifyStaffPassword(row!.passwordHash, "first admin password")).toBe(true);
  });

  it.each([
    [["--email", "a@staff.test", "--role", "owner", "--password-stdin"], "long enough password\n", /^error: --role must be admin or support \(got "owner"\)\n$/],
    [["--email", "b@staff.test", "--role", "support", "--password-stdin"], "too short\n", /^error: The password must be at least 12 characters long\n$/],
    [["--role", "support", "--password-stdin"], "long enough password\n", /^error: --email is required\n$/],
    [["--email", "not-an-email", "--role", "support", "--password-stdin"], "long enough password\n", /^error: email: must be an email address/],
    [["--email", "c@staff.test", "--role", "support"], undefined, /^error: no terminal to ask for the password on: pass --password-stdin/],
  ])("staff create %j refuses with one line and creates nothing", async (args, stdin, message) => {
    const run = await dsyncWithStdin(stdin ?? "", "staff", "create", ...args);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM "StaffUser" WHERE email <> 'root@staff.test'`)).toHaveLength(0);
  });

  it("refuses a second staff user with the same email, whatever its case", async () => {
    const run = await dsyncWithStdin("another password!\n", "staff", "create", "--email", "ROOT@staff.test", "--role", "support", "--password-stdin");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: A staff user with email ROOT@staff.test already exists\n");
  });

  it("staff list shows everyone without hashes; staff disable stops one and ends their sessions", async () => {
    await dsyncWithStdin("support password\n", "staff", "create", "--email", "help@staff.test", "--role", "support", "--password-stdin");
    const [user] = await sql<{ id: string }>(`SELECT id FROM "StaffUser" WHERE email = 'help@staff.test'`);
    await sql(`INSERT INTO "StaffSession" (id, "staffUserId", "expiresAt") VALUES ('sts_cli_test', $1, now() + interval '1 hour')`, [user!.id]);

    const list = await dsync("staff", "list");
    expect(list.stdout).toMatch(/EMAIL\s+ROLE/);
    expect(list.stdout).toMatch(/help@staff\.test\s+support/);
    expect(list.stdout).not.toContain("argon2");

    const disabled = await dsync("staff", "disable", "--email", "help@staff.test", "--json");
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(JSON.parse(disabled.stdout)).toMatchObject({ email: "help@staff.test", sessionsEnded: 1, disabledAt: expect.any(String) });
    expect(await sql(`SELECT 1 FROM "StaffSession" WHERE id = 'sts_cli_test' AND "revokedAt" IS NOT NULL`)).toHaveLength(1);

    const missing = await dsync("staff", "disable", "--email", "ghost@staff.test");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("error: No staff user with email ghost@staff.test\n");
  });
});
