import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "./free-port";
import { queryOnce } from "./query-once";

export type ThrowawayPostgres = {
  /** URL of a database with every migration applied. */
  url: string;
  /** A server-level URL (the `postgres` database) for creating more databases. */
  adminUrl: string;
  stop: () => Promise<void>;
};

/**
 * A real PostgreSQL on a free port, in a temporary directory that is deleted afterwards, migrated.
 * Tests, e2e runs and the benchmark each start their own, so nothing touches the developer's data.
 */
export async function startThrowawayPostgres({ database = "rollcall" }: { database?: string } = {}): Promise<ThrowawayPostgres> {
  // Under /tmp, not the checkout: the server runs as the `postgres` user, which must be able to reach it.
  const dataDir = await mkdtemp(path.join(tmpdir(), "rollcall-pg-"));
  await chmod(dataDir, 0o755);
  const running = await startEmbeddedPostgres({ dataDir, port: await freePort(), database, ephemeral: true });
  await migrate(running.url);
  const adminUrl = running.url.replace(/\/[^/]+$/, "/postgres");
  return {
    url: running.url,
    adminUrl,
    stop: async () => {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Makes a new database from a migrated template: a fresh, isolated database in milliseconds. */
export async function cloneDatabase(adminUrl: string, template: string, name: string): Promise<string> {
  await queryOnce(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return adminUrl.replace(/\/[^/]+$/, `/${name}`);
}
