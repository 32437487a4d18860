import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

/** An account, within the caller's organisation when one is given. 404 alike for "missing" and "another organisation's". */
export async function getAccountOrThrow({ accountId, organizationId }: { accountId: string; organizationId?: string }) {
  const account = await db.account.findFirst({ where: { id: accountId, ...(organizationId && { organizationId }) } });
  if (!account) throw new DomainError("NOT_FOUND", `Account ${accountId} not found`, "account");
  return account;
}
