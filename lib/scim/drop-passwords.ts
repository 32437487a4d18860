import { isPlainObject } from "./schemas";

/** `password`, in any case, plain or URN-qualified (`urn:…:enterprise:2.0:User:password`). */
function isPasswordKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower === "password" || lower.endsWith(":password");
}

/**
 * The attributes with every `password` removed, at any depth: the core one is writeOnly (RFC 7643 §4.1.1), but
 * identity providers also send one inside the Enterprise or their own extension, and whatever is stored is
 * returned by SCIM GET, the management API, the console and webhooks (issue 12). Returns the same object when
 * there is nothing to drop, so the common case copies nothing.
 */
export function dropPasswords<T>(value: T): T {
  if (Array.isArray(value)) {
    const items = value.map(dropPasswords);
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (!isPlainObject(value)) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isPasswordKey(key)) {
      changed = true;
      continue;
    }
    const kept = dropPasswords(item);
    if (kept !== item) changed = true;
    out[key] = kept;
  }
  return (changed ? out : value) as T;
}
