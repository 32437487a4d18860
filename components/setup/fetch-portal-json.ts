/** GET a portal JSON route; its error message (e.g. "Your setup session has ended…") becomes the thrown error's. */
export async function fetchPortalJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  const body = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!res.ok || body === null) throw new Error(body?.error?.message ?? "We could not load this. Check your connection; it retries on its own.");
  return body;
}
