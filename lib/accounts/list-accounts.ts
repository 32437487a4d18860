import { db } from "@/lib/db/client";
import { pageOf } from "@/lib/db/page-of";

/**
 * One page of an organisation's accounts, oldest first; ids are time-ordered, so the last id is the cursor. Each
 * carries `directoryName`, the name of its linked directory user (of the same organisation), for the console.
 */
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
    include: { directoryUser: { select: { organizationId: true, displayName: true, givenName: true, familyName: true } } },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const page = pageOf(rows, limit);
  return {
    ...page,
    data: page.data.map(({ directoryUser, ...account }) => ({
      ...account,
      directoryName: directoryUser && directoryUser.organizationId === organizationId
        ? directoryUser.displayName?.trim() || [directoryUser.givenName, directoryUser.familyName].filter(Boolean).join(" ") || null
        : null,
    })),
  };
}

/**
 * The name the console shows for an account: its own, else its directory user's (a deprovision-only directory
 * leaves the account's name to the host product, which may never set one).
 */
export function accountDisplayName(account: { name: string | null; directoryName: string | null }): string | null {
  return account.name ?? account.directoryName;
}
