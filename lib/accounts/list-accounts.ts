import { db } from "@/lib/db/client";

/** One page of an organisation's accounts, oldest first; ids are time-ordered, so the last id is the cursor. */
export async function listAccounts({ organizationId, status, email, limit, after }: {
  organizationId: string;
  status?: "active" | "deactivated";
  email?: string;
  limit: number;
  after?: string;
}) {
  const rows = await db.account.findMany({
    // email is citext: equality ignores case, as the uniqueness rule does.
    where: { organizationId, ...(status && { status }), ...(email && { email }), ...(after && { id: { gt: after } }) },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? data.at(-1)!.id : null };
}
