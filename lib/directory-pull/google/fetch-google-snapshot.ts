import { admin_directory_v1 } from "@googleapis/admin";
import { OAuth2Client } from "google-auth-library";
import { PullSourceError } from "../pull-source-error";
import type { DirectorySnapshot, SnapshotGroup, SnapshotUser } from "../snapshot";
import type { GoogleConfig } from "./google-config";

export type BackoffOptions = {
  /** The first wait after a 429 or 5xx; doubled (with jitter) on each further one. */
  baseMs: number;
  /** Attempts per request, the first included. */
  maxAttempts: number;
};

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxAttempts: 6 };

/**
 * Reads a customer's whole Google Workspace directory through the Admin SDK (Directory API v1): every user,
 * every group and every group's members, following `nextPageToken` to the last page. Nothing is returned until
 * every page has been read, so a failure halfway changes nothing. Google's ids become `externalId`; suspended
 * and archived users are inactive.
 */
export async function fetchGoogleSnapshot(
  { config, refreshToken, backoff = DEFAULT_BACKOFF }: { config: GoogleConfig; refreshToken: string; backoff?: BackoffOptions },
): Promise<DirectorySnapshot> {
  const auth = new OAuth2Client({ clientId: config.clientId, clientSecret: config.clientSecret, endpoints: { oauth2TokenUrl: config.tokenUrl } });
  auth.setCredentials({ refresh_token: refreshToken });
  const admin = new admin_directory_v1.Admin({ auth, rootUrl: config.apiBaseUrl });
  // The library's own retries are off: ours below honour Retry-After and say in words what finally failed.
  const options = { retry: false };

  const users: SnapshotUser[] = [];
  let pageToken: string | undefined;
  do {
    const token: string | undefined = pageToken;
    const res: { data: admin_directory_v1.Schema$Users } = await call(backoff, () => admin.users.list({ customer: "my_customer", maxResults: 500, projection: "full", pageToken: token }, options));
    for (const u of res.data.users ?? []) {
      const user = toSnapshotUser(u);
      if (user) users.push(user);
    }
    pageToken = res.data.nextPageToken ?? undefined;
  } while (pageToken);

  const groups: SnapshotGroup[] = [];
  pageToken = undefined;
  do {
    const token: string | undefined = pageToken;
    const res: { data: admin_directory_v1.Schema$Groups } = await call(backoff, () => admin.groups.list({ customer: "my_customer", maxResults: 200, pageToken: token }, options));
    for (const g of res.data.groups ?? []) {
      if (!g.id) continue;
      groups.push({ externalId: g.id, displayName: g.name || g.email || g.id, members: await listMembers(admin, g.id, backoff, options) });
    }
    pageToken = res.data.nextPageToken ?? undefined;
  } while (pageToken);
  return { users, groups };
}

async function listMembers(admin: admin_directory_v1.Admin, groupKey: string, backoff: BackoffOptions, options: { retry: boolean }): Promise<string[]> {
  const members: string[] = [];
  let pageToken: string | undefined;
  do {
    const token: string | undefined = pageToken;
    const res: { data: admin_directory_v1.Schema$Members } = await call(backoff, () => admin.members.list({ groupKey, maxResults: 200, pageToken: token }, options));
    // Users only: a nested group's members are listed in that group, and CUSTOMER (everyone) is not a person.
    for (const m of res.data.members ?? []) if (m.type === "USER" && m.id) members.push(m.id);
    pageToken = res.data.nextPageToken ?? undefined;
  } while (pageToken);
  return members;
}

function toSnapshotUser(u: admin_directory_v1.Schema$User): SnapshotUser | null {
  if (!u.id || !u.primaryEmail) return null;
  const organizations = Array.isArray(u.organizations) ? (u.organizations as Array<{ primary?: boolean; department?: string }>) : [];
  const relations = Array.isArray(u.relations) ? (u.relations as Array<{ type?: string; value?: string }>) : [];
  return {
    externalId: u.id,
    userName: u.primaryEmail,
    email: u.primaryEmail,
    givenName: u.name?.givenName ?? null,
    familyName: u.name?.familyName ?? null,
    displayName: u.name?.fullName ?? null,
    department: (organizations.find((o) => o.primary) ?? organizations[0])?.department ?? null,
    manager: relations.find((r) => r.type === "manager")?.value ?? null,
    // A suspended or archived user cannot sign in to Google; they must not keep access here either.
    active: !u.suspended && !u.archived,
  };
}

type HttpFailure = { status?: number; response?: { status?: number; headers?: unknown; data?: unknown }; message?: string };

/**
 * One Admin SDK call, retried with exponential back-off on 429 (quota) and 5xx, as Google's Directory API
 * guide asks ("Limits and quotas": exponential backoff), honouring Retry-After when Google sends it.
 */
async function call<T>(backoff: BackoffOptions, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const status = statusOf(err);
      const retriable = status === 429 || (status !== undefined && status >= 500);
      if (!retriable || attempt >= backoff.maxAttempts) throw toSourceError(err, status, attempt);
      const retryAfter = Number(headerOf(err, "retry-after"));
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff.baseMs * 2 ** (attempt - 1) * (1 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60_000)));
    }
  }
}

function statusOf(err: unknown): number | undefined {
  const e = err as HttpFailure;
  const status = e?.response?.status ?? e?.status;
  return typeof status === "number" ? status : undefined;
}

function headerOf(err: unknown, name: string): string | null {
  const headers = (err as HttpFailure)?.response?.headers;
  if (headers instanceof Headers) return headers.get(name);
  if (headers && typeof headers === "object") {
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === "string" ? value : null;
  }
  return null;
}

/** What went wrong, in words for the customer's admin, saying who must act. */
function toSourceError(err: unknown, status: number | undefined, attempts: number): PullSourceError {
  const data = (err as HttpFailure)?.response?.data as { error?: unknown } | undefined;
  const oauthError = typeof data?.error === "string" ? data.error : undefined;
  if (oauthError === "invalid_grant" || oauthError === "unauthorized_client" || status === 401) {
    return new PullSourceError("Google refused this directory's connection: the consent was revoked, or the admin who gave it was removed. Reconnect Google Workspace in the setup portal.", "unauthorized");
  }
  if (status === 403) {
    return new PullSourceError("The Google admin who connected this directory no longer has admin rights, or did not grant every directory scope: reconnect with a Google Workspace super admin and allow all the requested access.", "forbidden");
  }
  if (status === 429 || (status !== undefined && status >= 500)) {
    return new PullSourceError(`Google's Admin SDK kept answering ${status === 429 ? "that its quota was exceeded (429)" : `with an error (${status})`} after ${attempts} attempts. Nothing was changed; the next sync tries again.`, "unavailable");
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new PullSourceError(`Google Workspace could not be reached (${detail}). Nothing was changed; the next sync tries again.`, "unavailable");
}
