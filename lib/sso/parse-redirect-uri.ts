/**
 * Checks one entry of the SSO redirect-URI allow-list (SSO_REDIRECT_URIS, or the management API). Returns
 * the URI as given, trimmed, or a sentence that says what is wrong. Matching at sign-in is exact (string
 * equality, as OAuth 2.0 Security BCP §4.1.3 asks), so nothing is normalised here.
 */
export function parseRedirectUri(value: string): { ok: true; uri: string } | { ok: false; message: string } {
  const uri = value.trim();
  if (uri === "") return { ok: false, message: "is empty" };
  if (uri.length > 2048) return { ok: false, message: "is longer than 2048 characters" };
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { ok: false, message: `"${short(uri)}" is not a full URL (like https://app.example.com/sso/callback)` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: `"${short(uri)}" must start with https://` };
  // A plain-http redirect would carry the one-time code in clear; only this machine's own loopback may use it.
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return { ok: false, message: `"${short(uri)}" must start with https:// (http:// is allowed only for localhost and 127.0.0.1)` };
  }
  // RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment.
  if (url.hash || uri.includes("#")) return { ok: false, message: `"${short(uri)}" must not contain a # fragment` };
  if (url.username || url.password) return { ok: false, message: `"${short(uri)}" must not contain a user name or password` };
  return { ok: true, uri };
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function short(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}
