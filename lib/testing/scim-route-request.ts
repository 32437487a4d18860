import * as scimRoute from "@/app/scim/v2/[directoryId]/[[...path]]/route";

export type ScimRouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A SCIM request through the real route handler and its wrapper (token check, limiter, sync log, dispatcher wake-up),
 * without a server: what the production server hands the same handler.
 */
export async function requestScimRoute(
  { directoryId, token, method, path, body, headers = {} }: { directoryId: string; token: string; method: ScimRouteMethod; path: string; body?: unknown; headers?: Record<string, string> },
): Promise<{ status: number; text: string }> {
  const url = new URL(`http://localhost:3000/scim/v2/${directoryId}${path}`);
  const req = new Request(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const segments = url.pathname.split("/").slice(4);
  const res = await scimRoute[method](req, { params: Promise.resolve({ directoryId, path: segments }) });
  return { status: res.status, text: await res.text() };
}
