import { AUDIT_ACTIONS } from "./describe-audit-entry";

/** What the audit trail page shows, as its address says (`/admin/audit?trail=portal&who=jo@&action=…&from=…`). */
export type AuditTrailFilters = {
  trail: "console" | "portal";
  /** Text in the staff member's email (console), or in the link's issuer or prefix (portal). */
  who?: string;
  action?: string;
  /** An organisation id (`org_…`) or slug. */
  organization?: string;
  /** Days in UTC, inclusive: `from` at 00:00, `to` until its end. */
  from?: string;
  to?: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/**
 * The filters of the audit trail's address, and a sentence for each value that cannot be used: the page names
 * them and shows the trail without them, instead of failing.
 */
export function parseAuditTrailQuery(query: Record<string, string | undefined>): { filters: AuditTrailFilters; ignored: string[] } {
  const ignored: string[] = [];
  const value = (name: string) => query[name]?.trim() || undefined;
  const trail = value("trail");
  if (trail && trail !== "portal" && trail !== "console") ignored.push(`trail “${trail}” (it can be console or portal)`);
  const filters: AuditTrailFilters = { trail: trail === "portal" ? "portal" : "console" };
  const who = value("who");
  if (who) {
    if (who.length <= 200) filters.who = who;
    else ignored.push("a “who” of more than 200 characters");
  }
  const action = value("action");
  if (action) {
    if (action in AUDIT_ACTIONS) filters.action = action;
    else ignored.push(`action “${action}” (not an action the audit trail records)`);
  }
  const organization = value("organization");
  if (organization) {
    if (organization.length <= 100) filters.organization = organization;
    else ignored.push("an organisation of more than 100 characters");
  }
  for (const name of ["from", "to"] as const) {
    const day = value(name);
    if (!day) continue;
    if (isDay(day)) filters[name] = day;
    else ignored.push(`${name} “${day}” (not a date such as 2026-12-03)`);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    ignored.push(`from “${filters.from}” and to “${filters.to}” (the first day must not be after the last)`);
    delete filters.from;
    delete filters.to;
  }
  return { filters, ignored };
}

/** The time bounds of `from` and `to`, as instants: [from 00:00 UTC, the day after `to` 00:00 UTC). */
export function auditTrailTimeBounds(filters: Pick<AuditTrailFilters, "from" | "to">): { since?: Date; before?: Date } {
  return {
    ...(filters.from && { since: new Date(`${filters.from}T00:00:00Z`) }),
    ...(filters.to && { before: new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) }),
  };
}
