import { db } from "@/lib/db/client";
import type { SignInAttempt } from "@/lib/db/generated/client";
import { pageOf } from "@/lib/db/page-of";

/**
 * The sign-in log: attempts newest first (ids are time-ordered), for one organisation or (a global caller)
 * all of them. `after` is the last id of the previous page.
 */
export async function listSignInAttempts({
  organizationId,
  status,
  limit = 50,
  after,
}: {
  organizationId?: string;
  status?: "pending" | "succeeded" | "failed";
  limit?: number;
  after?: string;
}): Promise<{ data: SignInAttempt[]; nextCursor: string | null }> {
  const rows = await db.signInAttempt.findMany({
    where: { ...(organizationId ? { organizationId } : {}), ...(status ? { status } : {}), ...(after ? { id: { lt: after } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
