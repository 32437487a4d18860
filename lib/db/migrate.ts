import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** Where Prisma's layout keeps migrations: prisma/migrations/<timestamp>_<name>/migration.sql. */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** The advisory lock key `prisma migrate deploy` takes, so this runner and Prisma's also exclude each other. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** An applied migration's file no longer matches what was applied, or the history is otherwise broken. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export type MigrationFile = { name: string; sql: string; checksum: string };

export type MigrateResult = { applied: string[]; total: number };

/** Reads the migrations in name order. The checksum is SHA-256 of the file's bytes, as Prisma computes it. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
}

// Prisma's own definition of its history table; `prisma migrate deploy` on a connected machine reads it as is.
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type HistoryRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

/**
 * Applies pending migrations, each in its own transaction, under Prisma's advisory lock so that two
 * instances starting together cannot both migrate. Refuses to run when an applied migration's file changed.
 */
export async function migrate(databaseUrl: string, opts: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrateResult> {
  const files = await readMigrations(opts.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await client.query(CREATE_HISTORY_TABLE);
      const { rows } = await client.query<HistoryRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const history = new Map(rows.map((r) => [r.migration_name, r]));
      assertHistoryMatches(files, history);

      const applied: string[] = [];
      for (const file of files) {
        if (history.has(file.name)) continue;
        await applyOne(client, file);
        opts.log?.(`Applied migration ${file.name}`);
        applied.push(file.name);
      }
      return { applied, total: files.length };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

function assertHistoryMatches(files: MigrationFile[], history: Map<string, HistoryRow>) {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of history.values()) {
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${row.migration_name} started but did not finish; inspect the database, then mark it rolled back in _prisma_migrations.`,
      );
    }
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(`Migration ${row.migration_name} is applied to the database but missing from prisma/migrations.`);
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was changed after it was applied (checksum differs); restore the original file and add a new migration instead.`,
      );
    }
  }
}

async function applyOne(client: pg.Client, file: MigrationFile) {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
      [id, file.checksum, file.name],
    );
    await client.query(file.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    const reason = err instanceof Error ? err.message : String(err);
    throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${reason}`);
  }
}
