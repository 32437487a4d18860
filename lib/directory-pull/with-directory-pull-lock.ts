import { getPool } from "@/lib/db/client";

/**
 * Runs `fn` while holding this directory's pull lock, a Postgres advisory lock on a connection of its own.
 * Two pulls of one directory (the schedule and a "Sync now", two workers, an import and an approval) then
 * plan and apply one after the other, each from the state the other left, so they end in one consistent
 * state. SCIM writes and pulls of other directories never take it.
 */
export async function withDirectoryPullLock<T>(directoryId: string, fn: () => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  let locked = false;
  try {
    await client.query(`SELECT pg_advisory_lock(hashtextextended('directory-pull:' || $1, 0))`, [directoryId]);
    locked = true;
    return await fn();
  } finally {
    let broken = false;
    if (locked) {
      await client.query(`SELECT pg_advisory_unlock(hashtextextended('directory-pull:' || $1, 0))`, [directoryId]).catch(() => (broken = true));
    }
    // A connection that may still hold the lock is closed rather than handed on, which releases it.
    client.release(broken);
  }
}
