import { db } from "@/lib/db/client";

export type Health =
  | { status: "ok"; db: "ok"; migrations: number }
  | { status: "error"; db: "down"; detail: string };

/** Is the database answering, and how many migrations has it applied? Never throws. */
export async function getHealth(): Promise<Health> {
  try {
    const rows = await db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    return { status: "ok", db: "ok", migrations: rows[0]?.count ?? 0 };
  } catch {
    // The reason goes to the operator's log, not to an anonymous caller.
    return { status: "error", db: "down", detail: "The database is not reachable" };
  }
}
