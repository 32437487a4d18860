import { closeWithDb } from "@/lib/db/client";
import { listenForNotifications, type NotificationListener } from "@/lib/db/listen-for-notifications";
import { config } from "@/lib/config";
import { authenticateScimToken, findScimToken, isScimTokenShaped, recordScimTokenUse, scimTokenUseIsDue, type ScimPrincipal } from "./authenticate-scim-token";
import { hashToken } from "./scim-token";

/** The channel of migration 20261206090000_notify_scim_auth_changes: a token or a directory changed. */
export const SCIM_AUTH_CHANGED_CHANNEL = "rollcall_scim_auth_changed";

/**
 * Even with no notification, a principal is asked of the database again after this long: a bound on the harm of a
 * change that notified no one (a trigger dropped by hand, a write with `session_replication_role = replica`).
 */
const MAX_AGE_MS = 60_000;
/** Far more tokens than one server serves at once; past it, all are forgotten and asked for again. */
const MAX_ENTRIES = 10_000;

type Entry = { principal: ScimPrincipal; expiresAt: number | null; lastUsedAt: Date | null; keptAt: number };
type Cache = {
  entries: Map<string, Entry>;
  /** Bumped by every forgetting: a lookup that began before one must not store what it found (it may be stale). */
  generation: number;
  /** Whether the LISTEN is in place: without it a change could go unnoticed, so nothing is kept or served. */
  listening: boolean;
  listener?: NotificationListener;
};

// On globalThis: Next.js may bundle this module into several route chunks, and a revocation in the console's chunk
// must reach the SCIM route's cache.
const holder = globalThis as unknown as { __rollcallScimPrincipals?: Cache };
const cache = (): Cache => (holder.__rollcallScimPrincipals ??= { entries: new Map(), generation: 0, listening: false });

/**
 * authenticateScimToken (lib/auth/authenticate-scim-token.ts), answered from memory when this process already
 * resolved the same token for the same directory (issue 13: the token's own statement was one of a create's two round
 * trips; measured without and with this, 1.27-1.29 against 1.13-1.20 ms of CPU per create, and 10 % more creates/s).
 *
 * Why a kept principal is never stale by more than a notification's flight: it is kept only while this process
 * LISTENs on the channel that the "ScimToken" and "Directory" triggers notify when a token is revoked, rotated out or
 * deleted, or a directory disabled, deleted or changed, by any process; every notification, and any loss of the LISTEN
 * connection, forgets them all. Changes made in this process (the console, the portal, the API) forget them before
 * they answer (forgetScimPrincipals), so "revoked" is never followed by an accepted request from the same server. A
 * token past its grace period (expiresAt) stops by the clock, as in the database; a wrong token is never kept, so it
 * always reaches the database and its 401 is logged as before.
 */
export async function authenticateScimTokenCached({ directoryId, token }: { directoryId: string; token: string }): Promise<ScimPrincipal | null> {
  if (!config().scimTokenCache) return authenticateScimToken({ directoryId, token });
  const c = cache();
  startListening(c);
  if (!c.listening || !isScimTokenShaped(token)) return lookUp(c, directoryId, token);
  const key = `${directoryId}\u0000${hashToken(token)}`;
  const hit = c.entries.get(key);
  const now = Date.now();
  if (hit && now - hit.keptAt < MAX_AGE_MS && (hit.expiresAt === null || hit.expiresAt > now)) {
    if (scimTokenUseIsDue(hit.lastUsedAt, now)) {
      // Marked first, so that the requests of the same instant do not each send the (conditional) write.
      const last = hit.lastUsedAt;
      hit.lastUsedAt = new Date(now);
      await recordScimTokenUse(hit.principal, last, now);
    }
    return hit.principal;
  }
  if (hit) c.entries.delete(key);
  return lookUp(c, directoryId, token, key);
}

async function lookUp(c: Cache, directoryId: string, token: string, key?: string): Promise<ScimPrincipal | null> {
  const generation = c.generation;
  const match = await findScimToken({ directoryId, token });
  if (!match) return null;
  const now = Date.now();
  const wrote = await recordScimTokenUse(match.principal, match.lastUsedAt, now);
  // Frozen: every request of the token shares this object.
  const principal = deepFreeze(match.principal);
  if (key && c.listening && c.generation === generation) {
    if (c.entries.size >= MAX_ENTRIES) c.entries.clear();
    c.entries.set(key, { principal, expiresAt: match.expiresAt?.getTime() ?? null, lastUsedAt: wrote ? new Date(now) : match.lastUsedAt, keptAt: now });
  }
  return principal;
}

/** Forgets every kept principal. Called after a change to tokens or directories commits, before it is answered. */
export function forgetScimPrincipals() {
  const c = holder.__rollcallScimPrincipals;
  if (!c) return;
  c.generation++;
  c.entries.clear();
}

function startListening(c: Cache) {
  if (c.listener) return;
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return;
  c.listener = listenForNotifications({
    databaseUrl, channel: SCIM_AUTH_CHANGED_CHANNEL,
    name: "SCIM token cache", whileLost: "every SCIM request asks the database until it is back",
    log: (line) => console.warn(line),
    onNotification: forgetScimPrincipals,
    // What changed while no one listened was not notified: start from nothing.
    onListening: () => {
      forgetScimPrincipals();
      c.listening = true;
    },
    onLost: () => {
      c.listening = false;
      forgetScimPrincipals();
    },
  });
  closeWithDb(async () => {
    const listener = c.listener;
    c.listener = undefined;
    c.listening = false;
    forgetScimPrincipals();
    await listener?.stop();
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === "object") deepFreeze(inner as object);
  return Object.freeze(value);
}

/** Whether principals are being kept: the LISTEN is in place (for the tests, and for a look at a running server). */
export function isKeepingScimPrincipals(): boolean {
  return holder.__rollcallScimPrincipals?.listening ?? false;
}
