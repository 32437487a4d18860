import type { ApiKeyPrincipal } from "@/lib/auth/authenticate-api-key";
import { DomainError } from "@/lib/domain-error";

/**
 * What an API key may see. A global key sees every organisation; an organisation's key sees only its own,
 * and anything of another organisation is "not found" (404), never "forbidden": a key must not learn
 * that another tenant's id exists.
 */

/** The organisation filter every domain call gets: the key's own for a scoped key, none for a global one. */
export function keyScope(key: ApiKeyPrincipal): string | undefined {
  return key.organizationId ?? undefined;
}

/** Throws 404 when a scoped key names an organisation other than its own. */
export function assertOrganizationInScope(key: ApiKeyPrincipal, organizationId: string): void {
  if (key.organizationId && key.organizationId !== organizationId) {
    throw new DomainError("NOT_FOUND", `Organization ${organizationId} not found`, "organization");
  }
}

/**
 * The organisation a list or a create should use: the one the request names (which must be in scope), else the
 * key's own; undefined means "every organisation", which only a global key can get.
 */
export function requestedOrganization(key: ApiKeyPrincipal, requested: string | undefined): string | undefined {
  if (requested === undefined) return keyScope(key);
  assertOrganizationInScope(key, requested);
  return requested;
}

/** For what only a global key may do, such as creating organisations. */
export function assertGlobalKey(key: ApiKeyPrincipal, action: string): void {
  if (key.organizationId) throw new DomainError("FORBIDDEN", `An organization-scoped API key cannot ${action}; use a global key`);
}

/**
 * Whose events a new webhook endpoint receives: the organisation named (in scope), else the key's own; null,
 * a global endpoint, for a global key that names none, or names null. An organisation's key cannot make one.
 */
export function webhookEndpointOwner(key: ApiKeyPrincipal, requested: string | null | undefined): string | null {
  if (requested === null) {
    assertGlobalKey(key, "create a global webhook endpoint");
    return null;
  }
  return requestedOrganization(key, requested) ?? null;
}
