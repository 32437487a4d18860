import { userColumnsFrom } from "@/lib/scim/resources";

/** The address an account is matched on: the user's email, else a userName that is one (Okta's default). */
export function accountEmail(attributes: Record<string, unknown>): string | null {
  const c = userColumnsFrom(attributes);
  if (c.email) return c.email;
  return /^[^@\s]+@[^@\s]+$/.test(c.userName) ? c.userName : null;
}

/**
 * The name an account takes from its directory user: the displayName, else name.formatted, else the given and
 * family names (Okta and OneLogin often send only those), else none.
 */
export function accountNameFrom(attributes: Record<string, unknown>): string | null {
  const c = userColumnsFrom(attributes);
  if (c.displayName?.trim()) return c.displayName.trim();
  const name = attributes.name;
  const formatted = name && typeof name === "object" && "formatted" in name && typeof name.formatted === "string" ? name.formatted.trim() : "";
  if (formatted) return formatted;
  return [c.givenName, c.familyName].map((part) => part?.trim()).filter(Boolean).join(" ") || null;
}
