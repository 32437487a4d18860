/**
 * A user without `active` counts as active (lib/scim/resources.ts), so unassigning it would reactivate a
 * deactivated user: a PATCH `remove` of `active`, a `replace` with null, or a PUT that leaves it out. A removal
 * must never reactivate anyone (issue 12), so when the incoming resource has no `active` the stored one is kept.
 * Setting it explicitly, `true` or `false`, is the only way to change it.
 */
export function keepStoredActive(stored: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  if ((next.active !== undefined && next.active !== null) || stored.active === undefined || stored.active === null) return next;
  return { ...next, active: stored.active };
}
