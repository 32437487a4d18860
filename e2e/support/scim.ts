import type { Directory } from "./cli";

export type ScimResult = { status: number; headers: Headers; body: Record<string, unknown> | undefined; text: string };

/** A thin SCIM client for specs: real HTTP against the running app, with the directory's bearer token. */
export function scimClient(dir: Pick<Directory, "scimBaseUrl" | "token">, defaults: { contentType?: string } = {}) {
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimResult> {
    const res = await fetch(`${dir.scimBaseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${dir.token}`,
        ...(body !== undefined && { "Content-Type": defaults.contentType ?? "application/scim+json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }
  return {
    request,
    get: (path: string, headers?: Record<string, string>) => request("GET", path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => request("POST", path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => request("PUT", path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => request("PATCH", path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => request("DELETE", path, undefined, headers),
  };
}

export const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export function userBody(userName: string, extra: Record<string, unknown> = {}) {
  return { schemas: [USER_URN], userName, name: { givenName: "Test", familyName: userName }, emails: [{ value: userName, type: "work", primary: true }], active: true, ...extra };
}
