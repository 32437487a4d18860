/** Keys whose values never reach the sync log: Okta sends a placeholder `password` on every create and PUT. */
const SECRET_KEY = /pass(word)?|secret|token|credential|private[_-]?key/i;
/** Query parameters that carry credentials besides the SECRET_KEY names (`access_token` is already one of those). */
const SECRET_PARAM = /^(api[_-]?key|key|sig(nature)?|auth(orization)?|bearer|code)$/i;
/** Our own credentials, wherever they appear in a query: a token pasted into a filter is still a token. */
const ROLLCALL_CREDENTIAL = /\brc_(scim|key|ses|setup)_[A-Za-z0-9_-]+/g;

export const REDACTED = "[REDACTED]";

/**
 * A deep copy of a request body with every secret-looking value replaced, for the sync log.
 *
 * It reads PATCH operations as lib/scim/requests.ts does, in any case: the parser takes `operations`, `Path` and
 * `VALUE` as readily as `Operations`, `path` and `value`, so an operation object (at any depth, under any key) whose
 * path names a secret has every value-like key replaced (issue 12: `"Path":"password"` used to keep the password).
 * Keys are matched against SECRET_KEY at every depth, which covers passwords inside the Enterprise or any other
 * extension, and URN-qualified keys such as `urn:…:User:password`.
 */
export function redactRequestBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactRequestBody);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  const namesSecret = entries.some(([key, item]) => key.toLowerCase() === "path" && typeof item === "string" && SECRET_KEY.test(item));
  return Object.fromEntries(entries.map(([key, item]) => [
    key,
    SECRET_KEY.test(key) || (namesSecret && key.toLowerCase() === "value") ? REDACTED : redactRequestBody(item),
  ]));
}

/**
 * The query string as the sync log keeps it: percent-decoded (the console shows `userName eq "a&b"`), with the values
 * of credential-like parameters (`access_token=`, `password=`, `api_key=`…) and any Rollcall token replaced.
 * Malformed percent-escapes are kept as sent instead of failing the request.
 */
export function redactQuery(search: string): string | null {
  const raw = search.startsWith("?") ? search.slice(1) : search;
  if (raw === "") return null;
  return raw.split("&").map((part) => {
    const eq = part.indexOf("=");
    const key = decodeLenient(eq < 0 ? part : part.slice(0, eq));
    if (eq < 0) return key.replace(ROLLCALL_CREDENTIAL, REDACTED);
    const value = SECRET_KEY.test(key) || SECRET_PARAM.test(key.trim()) ? REDACTED : decodeLenient(part.slice(eq + 1));
    return `${key}=${value.replace(ROLLCALL_CREDENTIAL, REDACTED)}`;
  }).join("&");
}

function decodeLenient(text: string): string {
  const spaced = text.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
