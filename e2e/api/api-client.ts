import { dsyncJson } from "../support/cli";
import { appUrl } from "../fixtures";

export type ApiResult<T = Record<string, unknown>> = { status: number; headers: Headers; body: T; text: string };

/**
 * The CLI runs with spawnSync, which blocks this process: a kept-alive socket can be closed by the server in
 * the meantime and the next fetch then fails on it. A short pause after each CLI call lets the socket go first.
 */
async function cli<T>(...args: string[]): Promise<T> {
  const result = dsyncJson<T>(...args);
  await new Promise((r) => setTimeout(r, 50));
  return result;
}

export type IssuedKey = { id: string; key: string; prefix: string; orgId: string | null };

export function createGlobalKey(name = "e2e global"): Promise<IssuedKey> {
  return cli<IssuedKey>("key", "create", "--name", name);
}

export function createOrgKey(slug: string): Promise<IssuedKey> {
  return cli<IssuedKey>("key", "create", "--org", slug, "--name", `e2e ${slug}`);
}

export function revokeKey(prefix: string): Promise<unknown> {
  return cli("key", "revoke", "--prefix", prefix);
}

/** A thin management API client for specs: real HTTP against the running app. */
export function apiClient(key: string | undefined) {
  async function request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    const res = await fetch(`${appUrl()}${path}`, {
      method,
      headers: {
        ...(key !== undefined && { Authorization: `Bearer ${key}` }),
        ...(body !== undefined && { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }
  return {
    request,
    get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => request<T>("GET", path, undefined, headers),
    post: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>("POST", path, body, headers),
    patch: <T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) => request<T>("PATCH", path, body, headers),
    put: <T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) => request<T>("PUT", path, body, headers),
    delete: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => request<T>("DELETE", path, undefined, headers),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export type Organization = { id: string; slug: string; name: string; domains: string[]; support_contact: string | null };
export type CreatedDirectory = { id: string; organization_id: string; scim_base_url: string; token: string; sync_mode: string };
export type Page<T> = { data: T[]; next_cursor: string | null };

let counter = 0;

/** A unique slug per call, so that specs never share an organisation. */
export function uniqueSlug(label: string): string {
  return `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

export async function createOrganization(api: ApiClient, label = "e2e-api"): Promise<Organization> {
  const slug = uniqueSlug(label);
  const res = await api.post<Organization>("/api/v1/organizations", { name: `E2E ${slug}`, slug });
  if (res.status !== 201) throw new Error(`creating organization ${slug}: ${res.status} ${res.text}`);
  return res.body;
}

export async function createDirectory(api: ApiClient, organizationId: string, syncMode: "full" | "deprovision-only" = "full"): Promise<CreatedDirectory> {
  const res = await api.post<CreatedDirectory>("/api/v1/directories", { organization_id: organizationId, provider: "okta", sync_mode: syncMode });
  if (res.status !== 201) throw new Error(`creating directory: ${res.status} ${res.text}`);
  return res.body;
}

/** Every item of a cursor-paginated list, following next_cursor. */
export async function collect<T>(api: ApiClient, path: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let after: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res: ApiResult<Page<T>> = await api.get<Page<T>>(`${path}${sep}limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ""}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    items.push(...res.body.data);
    after = res.body.next_cursor;
    pages++;
  } while (after && pages < 100);
  return { items, pages };
}
