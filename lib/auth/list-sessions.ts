import { getAccountOrThrow } from "@/lib/accounts/get-account-or-throw";
import { db } from "@/lib/db/client";
import { pageOf } from "@/lib/db/page-of";

/** One page of an account's sessions, oldest first (ids are time-ordered, so the last id is the cursor). */
export async function listSessions({ accountId, organizationId, limit, after }: { accountId: string; organizationId?: string; limit: number; after?: string }) {
  const account = await getAccountOrThrow({ accountId, organizationId });
  const rows = await db.session.findMany({
    where: { accountId: account.id, organizationId: account.organizationId, ...(after && { id: { gt: after } }) },
    select: { id: true, organizationId: true, accountId: true, createdAt: true, expiresAt: true, revokedAt: true },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
