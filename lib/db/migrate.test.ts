import { createHash } from "node:crypto";
import { cp, mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { queryOnce } from "@/lib/testing/query-once";
import { createEmptyDatabase } from "@/lib/testing/test-database";
import { migrate, MIGRATIONS_DIR, MigrationError, readMigrations } from "./migrate";

async function copyOfMigrations() {
  const dir = await mkdtemp(path.join(tmpdir(), "rollcall-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

type HistoryRow = { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; id: string };

describe("migration runner", () => {
  it("applies every migration to a fresh database and records each as Prisma does", async () => {
    const url = await createEmptyDatabase();
    const files = await readMigrations();
    const result = await migrate(url);
    expect(result.applied).toEqual(files.map((f) => f.name));

    const history = await queryOnce<HistoryRow>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(history.map((h) => h.migration_name)).toEqual(files.map((f) => f.name));
    for (const row of history) {
      const bytes = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Prisma's own column set, so that `prisma migrate deploy` reads this history as its own.
    const columns = await queryOnce<{ column_name: string }>(url, `SELECT column_name FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY column_name`);
    expect(columns.map((c) => c.column_name)).toEqual(
      ["applied_steps_count", "checksum", "finished_at", "id", "logs", "migration_name", "rolled_back_at", "started_at"],
    );
  });

  it("applies nothing the second time", async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    const again = await migrate(url);
    expect(again.applied).toEqual([]);
    const [{ count }] = await queryOnce<{ count: number }>(url, `SELECT count(*)::int AS count FROM "_prisma_migrations"`) as [{ count: number }];
    expect(count).toBe((await readMigrations()).length);
  });

  it("applies a new migration added later, and only that one", async () => {
    const dir = await copyOfMigrations();
    const url = await createEmptyDatabase();
    await migrate(url, { dir });
    await mkdir(path.join(dir, "99990101000000_later"));
    await writeFile(path.join(dir, "99990101000000_later", "migration.sql"), `CREATE TABLE "Later" ("id" TEXT PRIMARY KEY);`);
    expect((await migrate(url, { dir })).applied).toEqual(["99990101000000_later"]);
  });

  it("refuses to run when an applied migration's file has changed", async () => {
    const dir = await copyOfMigrations();
    const url = await createEmptyDatabase();
    await migrate(url, { dir });
    const [first] = await readMigrations(dir);
    await writeFile(path.join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited after it was applied\n`);
    await mkdir(path.join(dir, "99990101000000_later"));
    await writeFile(path.join(dir, "99990101000000_later", "migration.sql"), `CREATE TABLE "Later" ("id" TEXT PRIMARY KEY);`);
    await expect(migrate(url, { dir })).rejects.toThrow(MigrationError);
    await expect(migrate(url, { dir })).rejects.toThrow(`Migration ${first!.name} was changed after it was applied`);
    // Nothing after the refusal ran.
    const later = await queryOnce(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Later'`);
    expect(later).toHaveLength(0);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const dir = await copyOfMigrations();
    const url = await createEmptyDatabase();
    await migrate(url, { dir });
    await mkdir(path.join(dir, "99990101000000_broken"));
    await writeFile(path.join(dir, "99990101000000_broken", "migration.sql"), `CREATE TABLE "Half" ("id" TEXT);\nSELECT * FROM "NoSuchTable";`);
    await expect(migrate(url, { dir })).rejects.toThrow(/99990101000000_broken failed and was rolled back/);
    expect(await queryOnce(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`)).toHaveLength(0);
    expect(await queryOnce(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`)).toHaveLength(0);
  });

  it("lets two runners start at once without both migrating", async () => {
    const url = await createEmptyDatabase();
    const [a, b, c] = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const total = (await readMigrations()).length;
    // Exactly one runner applied everything; the others waited for the lock and found nothing to do.
    expect([a!.applied.length, b!.applied.length, c!.applied.length].sort()).toEqual([0, 0, total]);
    const history = await queryOnce<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(history).toHaveLength(total);
  });
});
