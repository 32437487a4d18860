/**
 * What one SCIM request may ask of the server (issue 12, item 7: one tenant must not exhaust it for all).
 * Filters have theirs in filter.ts (length, depth, comparisons); bodies theirs in lib/http/scim-response.ts (1 MB).
 */
import { ScimError } from "./errors";

/**
 * Operations in one PATCH. Identity providers send one per changed attribute (Microsoft's "Replace Attributes
 * Verbose" test sends about 36) and put members in one operation's value; a PATCH of 20,000 operations ran for
 * 18–31 s before this limit. Refused as RFC 7644 §3.7.4 refuses a bulk request over maxOperations: 413.
 */
export const MAX_PATCH_OPERATIONS = 1000;

/**
 * Members one list of groups returns in total. `GET /Groups?count=1000` loaded every member of every group on the
 * page; now the page ends before the group that would pass this budget (RFC 7644 §3.4.2.4 lets a page hold fewer
 * than `count`; clients page on with `itemsPerPage`). The first group is always returned whole, as GET
 * /Groups/{id} returns it.
 */
export const MAX_LISTED_MEMBERS = 10_000;

export function assertPatchOperationCount(count: number): void {
  if (count <= MAX_PATCH_OPERATIONS) return;
  throw new ScimError(413, undefined, `A PATCH may carry at most ${MAX_PATCH_OPERATIONS} operations; this one has ${count}. Send the changes in several requests.`);
}

/** How many of the groups, in page order, fit the member budget: at least one, when there is one. */
export function groupsWithinMemberBudget(memberCounts: number[], budget = MAX_LISTED_MEMBERS): number {
  let total = 0;
  for (let i = 0; i < memberCounts.length; i++) {
    total += memberCounts[i]!;
    if (total > budget) return Math.max(1, i);
  }
  return memberCounts.length;
}
