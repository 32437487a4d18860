import { db } from "@/lib/db/client";
import { pageOf } from "@/lib/db/page-of";

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
  return pageOf(rows, limit);
}
