import { getAccountOrThrow } from "@/lib/accounts/get-account-or-throw";
import { db } from "@/lib/db/client";

/** One page of an account's sessions, oldest first (ids are time-ordered, so the last id is the cursor). */
export async function listSessions({ accountId, organizationId, limit, after }: { accountId: string; organizationId?: string; limit: number; after?: string }) {
  const account = await getAccountOrThrow({ accountId, organizationId });
  const rows = await db.session.findMany({
    where: { accountId: account.id, organizationId: account.organizationId, ...(after && { id: { gt: after } }) },
    select: { id: true, organizationId: true, accountId: true, createdAt: true, expiresAt: true, revokedAt: true },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? data.at(-1)!.id : null };
}
