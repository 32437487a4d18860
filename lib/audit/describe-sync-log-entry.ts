import type { SyncLogRow } from "./query-sync-log";
import { PROVIDER_GROUPS_OFF, PROVIDER_SHORT_NAMES, PROVIDER_TOKEN_FIELDS, ROTATE_TOKEN_PLACE, type SyncLogOutcome, type SyncLogProvider } from "./sync-log-vocabulary";

export type SyncLogEntryFacts = Pick<
  SyncLogRow,
  "method" | "path" | "query" | "status" | "actions" | "subject" | "resourceType" | "resourceId" | "scimType" | "errorDetail" | "requestBody"
> & Partial<Pick<SyncLogRow, "repeatCount">>;

export type SyncLogDescription = { summary: string; outcome: SyncLogOutcome; advice?: string };

/**
 * One sync-log entry in plain words, as the customer's IT admin would say it ("Okta deactivated bob@acme.com"),
 * with what to do about it when it was refused or failed. Pure: everything comes from the entry as
 * `ScimRequestLog` wrote it and from the directory's provider.
 */
export function describeSyncLogEntry(entry: SyncLogEntryFacts, provider: SyncLogProvider | string): SyncLogDescription {
  const pulled = pulledSource(entry);
  if (pulled) return { summary: describeSuccess(parseRequest(entry), pulled), outcome: "success" };
  const p = providerWords(provider);
  const request = parseRequest(entry);
  if (entry.status === 503 && /took longer than/.test(entry.errorDetail ?? "")) {
    return {
      summary: `${p.Name} tried to ${attempt(request)}: stopped, it took too long`,
      outcome: "failed",
      advice: `Nothing was changed. Each request may take a bounded time in the database so that one directory cannot slow down the others; ${p.name} retries on its own. If this keeps happening, check for a very broad filter.`,
    };
  }
  if (entry.status >= 500) {
    return {
      summary: `${p.Name} tried to ${attempt(request)}: failed on our side`,
      outcome: "failed",
      advice: `Nothing was changed. ${p.Name} retries failed requests on its own; if this keeps happening, contact support.`,
    };
  }
  if (entry.status >= 400) return { outcome: "refused", ...describeRefusal(request, p) };
  return { summary: describeSuccess(request, p), outcome: "success" };
}

// ─── the request, as far as the entry tells ──────────────────────────────────────────────────────────────────

type Resource = "users" | "groups" | "discovery" | "unknown";

type Request = {
  entry: SyncLogEntryFacts;
  method: string;
  resource: Resource;
  /** The id in the path, for /Users/{id} and /Groups/{id}. */
  id: string | undefined;
  /** The query parameter `filter`, as the provider sent it (the log keeps the query decoded). */
  filter: string | undefined;
  count: string | undefined;
  body: Record<string, unknown> | null;
};

const DISCOVERY = new Set(["serviceproviderconfig", "schemas", "resourcetypes"]);

function parseRequest(entry: SyncLogEntryFacts): Request {
  // Paths are /scim/v2/{directoryId}/{Resource}[/{id}]; the resource segment arrives in any case (Microsoft's
  // validator sends /users) and sometimes with a trailing slash.
  const below = /^\/scim\/v2\/[^/]+\/?(.*)$/.exec(entry.path)?.[1] ?? "";
  const segments = below.split("/").filter((s) => s !== "");
  const head = segments[0]?.toLowerCase();
  let resource: Resource = "unknown";
  if (head === "users" && segments.length <= 2) resource = "users";
  else if (head === "groups" && segments.length <= 2) resource = "groups";
  else if (head && DISCOVERY.has(head) && segments.length <= 2) resource = "discovery";
  const body = isObject(entry.requestBody) ? entry.requestBody : null;
  return {
    entry,
    method: entry.method.toUpperCase(),
    resource,
    id: resource === "users" || resource === "groups" ? segments[1] : undefined,
    filter: queryParam(entry.query, "filter"),
    count: queryParam(entry.query, "count"),
    body,
  };
}

const LIST_PARAMS = "filter|startIndex|count|attributes|excludedAttributes|sortBy|sortOrder|aadOptscim062020";
/** Where a known parameter starts: a plain alternation with no repetition, so finding them all is one linear pass. */
const PARAM_START = new RegExp(`&(?:${LIST_PARAMS})=`, "gi");

/**
 * One parameter of the stored query. The log keeps the query percent-decoded (a filter reads
 * `userName eq "a&b"`), so a value runs up to the next known parameter rather than the next `&`.
 * Split, not matched with a lazy regex: a provider's filter can run to thousands of characters, and the portal
 * describes every entry on every poll (issue 12).
 */
function queryParam(query: string | null, name: string): string | undefined {
  if (!query) return undefined;
  const starts = [0, ...Array.from(query.matchAll(PARAM_START), (m) => m.index + 1)];
  const prefix = `${name.toLowerCase()}=`;
  for (let i = 0; i < starts.length; i++) {
    const part = query.slice(starts[i], i + 1 < starts.length ? starts[i + 1]! - 1 : query.length);
    if (part.slice(0, prefix.length).toLowerCase() !== prefix) continue;
    const value = part.slice(prefix.length).trim();
    return value ? value : undefined;
  }
  return undefined;
}

/**
 * A change a pull made (lib/directory-pull writes method PULL and the path /pull/<source>/<sync id>): said as
 * "Google Workspace sync: created alice@acme.com". A pull writes an entry only for a change that committed.
 */
function pulledSource(entry: SyncLogEntryFacts): ProviderWords | undefined {
  if (entry.method !== "PULL") return undefined;
  const source = /^\/pull\/(google|csv)\//.exec(entry.path)?.[1];
  const Name = source === "google" ? "Google Workspace sync:" : source === "csv" ? "CSV import:" : "Directory sync:";
  return { Name, name: Name, possessive: Name, Possessive: Name, tokenField: "token", groupsOff: PROVIDER_GROUPS_OFF.generic };
}

type ProviderWords = { Name: string; name: string; possessive: string; Possessive: string; tokenField: string; groupsOff: string };

function providerWords(provider: string): ProviderWords {
  const known = provider in PROVIDER_SHORT_NAMES ? (provider as SyncLogProvider) : "generic";
  const name = PROVIDER_SHORT_NAMES[known];
  const Name = name.charAt(0).toUpperCase() + name.slice(1);
  return { Name, name, possessive: `${name}'s`, Possessive: `${Name}'s`, tokenField: PROVIDER_TOKEN_FIELDS[known], groupsOff: PROVIDER_GROUPS_OFF[known] };
}

// ─── success ─────────────────────────────────────────────────────────────────────────────────────────────────

function describeSuccess(r: Request, p: ProviderWords): string {
  const count = (action: string) => r.entry.actions.filter((a) => a === action).length;
  const has = (action: string) => count(action) > 0;

  const userAction = (["user.created", "user.deleted", "user.deactivated", "user.reactivated", "user.updated"] as const).find(has);
  if (userAction) {
    const verb = userAction.slice("user.".length);
    let summary = `${p.Name} ${verb} ${userTarget(r)}`;
    // Account effects, where the customer would want to know: a link by email, or sessions ended at once.
    if (has("account.linked")) summary += " and linked it to the existing account with that email";
    if (has("account.deactivated")) summary += " and signed them out";
    return summary;
  }

  const added = count("group.member_added");
  const removed = count("group.member_removed");
  const group = groupName(r);
  if (has("group.created")) return `${p.Name} created group ${group}${added > 0 ? ` with ${members(added)}` : ""}`;
  if (has("group.deleted")) return `${p.Name} deleted group ${group}`;
  if (has("group.updated")) return `${p.Name} updated group ${group}${added + removed > 0 ? `, ${memberChange(added, removed)}` : ""}`;
  if (added > 0 && removed > 0) return `${p.Name} changed the members of ${group}: ${added} added, ${removed} removed`;
  if (added > 0) return `${p.Name} added ${members(added)} to ${group}`;
  if (removed > 0) return `${p.Name} removed ${members(removed)} from ${group}`;

  if (r.method === "GET") return describeRead(r, p);
  // A write that changed nothing: Entra sends empty and repeated PATCHes, Okta re-sends a group's name on every push.
  if (r.resource === "users" && r.id !== undefined) return `${p.Name} sent an update for ${userTarget(r)}; nothing changed`;
  if (r.resource === "groups" && r.id !== undefined) return `${p.Name} sent an update for group ${group}; nothing changed`;
  return `${p.Name} sent ${r.method} ${shortPath(r)}`;
}

function describeRead(r: Request, p: ProviderWords): string {
  if (isConnectionCheck(r)) return `${p.Name} checked the connection`;
  if (r.resource === "users" || r.resource === "groups") {
    if (r.id !== undefined) return `${p.Name} looked up ${r.resource === "users" ? userTarget(r) : `group ${groupName(r)}`}`;
    return `${p.Name} listed ${r.resource}${r.filter ? ` (filter ${clip(r.filter)})` : ""}`;
  }
  return `${p.Name} read ${shortPath(r)}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads that only test the connection: the discovery endpoints; a one-item page (Okta's "Test Connector
 * Configuration" and the OIN suite send `count=1`); and Entra's "Test Connection", which filters on its matching
 * attribute with a random GUID (MS-TUT, "Test Connection").
 */
function isConnectionCheck(r: Request): boolean {
  if (r.method !== "GET") return false;
  if (r.resource === "discovery") return true;
  if ((r.resource === "users" || r.resource === "groups") && r.id === undefined) {
    if (!r.filter && (r.count === "0" || r.count === "1")) return true;
    const value = eqValue(r.filter ?? "");
    if (value !== undefined && GUID.test(value.trim())) return true;
  }
  return false;
}

/**
 * The value of `attr eq value` (quoted or, as Entra sends it, not), or undefined for any other filter. Sliced by hand:
 * the regex `"?([^"]*)"?\s*$` this replaces backtracked quadratically over a long run of spaces (issue 12).
 */
function eqValue(filter: string): string | undefined {
  // Disjoint character classes in sequence: no backtracking between them.
  const head = /^\s*[\w.:]+\s+eq\s+/i.exec(filter);
  if (!head) return undefined;
  let value = filter.slice(head[0].length).trimEnd();
  if (value.startsWith('"')) value = value.slice(1);
  if (value.endsWith('"')) value = value.slice(0, -1);
  return value.includes('"') ? undefined : value;
}

// ─── refusals ────────────────────────────────────────────────────────────────────────────────────────────────

function describeRefusal(r: Request, p: ProviderWords): { summary: string; advice?: string } {
  const { status, errorDetail, scimType } = r.entry;
  const tried = `${p.Name} tried to ${attempt(r)}`;
  const detail = errorDetail?.trim() ? clip(errorDetail.trim(), 300) : undefined;

  if (status === 401) {
    // Unauthenticated repeats from one address are counted per minute in one entry (collapse-unauthenticated.ts).
    const repeats = (r.entry.repeatCount ?? 1) > 1 ? ` (${r.entry.repeatCount} requests within a minute)` : "";
    if (/^authentication required/i.test(errorDetail ?? "")) {
      return {
        summary: `${p.Possessive} request was refused: it sent no token${repeats}`,
        advice: `${p.Name} sent no bearer token. Paste the directory's token into ${p.possessive} ${p.tokenField} field; if nobody kept it, get a new one (${ROTATE_TOKEN_PLACE}).`,
      };
    }
    return {
      summary: `${p.Possessive} request was refused: the token did not match${repeats}`,
      advice: `The token in ${p.name} does not match this directory's token. Generate a new token (${ROTATE_TOKEN_PLACE}) and paste it into ${p.possessive} ${p.tokenField} field.`,
    };
  }

  if (status === 403) {
    if (r.resource === "groups" && r.method !== "GET") {
      return {
        summary: `${tried}: refused, group provisioning is off for this directory`,
        advice: `This directory is set to deprovision-only, so it takes no groups. ${p.groupsOff}, or switch the directory to full provisioning.`,
      };
    }
    return {
      summary: `${p.Possessive} request was refused: this directory is disabled`,
      advice: "Every request is refused while the directory is disabled. Ask the application's administrator to enable it again.",
    };
  }

  if (status === 409 || scimType === "uniqueness") {
    if (r.resource === "groups") {
      return {
        summary: r.method === "POST" ? `${tried}: refused, a group with that name already exists` : `${tried}: refused, another group already has that name`,
        advice: `Group names must be unique in a directory. If ${p.name} has two groups with this name, rename one of them.`,
      };
    }
    return {
      summary: r.method === "POST" ? `${tried}: refused, that user already exists` : `${tried}: refused, another user already has that username`,
      advice: `Usernames must be unique in a directory. ${p.Name} normally looks the existing user up and links it; if this keeps happening, check ${p.name} for two users with the same username.`,
    };
  }

  if (status === 400) {
    return {
      summary: `${tried}: refused as invalid${detail ? ` (${detail})` : ""}`,
      advice: `Nothing was changed. This needs to be fixed in ${p.name}: check its attribute mappings for the value the error names.`,
    };
  }

  if (status === 404) {
    if (r.resource === "unknown") {
      return {
        summary: `${p.Name} called an address that does not exist: ${shortPath(r)}`,
        advice: `Check the SCIM URL in ${p.name}: it must be this directory's SCIM URL exactly, as shown here, with nothing added after it.`,
      };
    }
    const kind = r.resource === "groups" ? "group" : "user";
    return {
      summary: `${tried}: not found`,
      advice: r.id !== undefined
        ? `This ${kind} is not in this directory, perhaps because it was deleted earlier. ${p.Name} usually recovers on its next sync; if it keeps happening, restart provisioning in ${p.name}.`
        : undefined,
    };
  }

  if (status === 405) {
    return {
      summary: `${p.Name} sent ${r.method} ${shortPath(r)}: refused, that method is not supported there`,
      advice: `This needs to be fixed in ${p.name}'s configuration; if it keeps happening, contact support.`,
    };
  }
  if (status === 412) {
    return {
      summary: `${tried}: refused, it changed since ${p.name} last read it`,
      advice: `Nothing was changed. ${p.Name} should read the ${r.resource === "groups" ? "group" : "user"} again before retrying.`,
    };
  }
  if (status === 413) {
    return {
      summary: `${tried}: refused, the request was too large`,
      advice: `Requests are limited to 1 MB. Send the change in smaller parts, for example push a very large group in batches.`,
    };
  }
  if (status === 429) {
    return {
      summary: `${tried}: refused, too many requests at once`,
      advice: `Nothing was changed. Each directory has a bounded number of requests in progress at a time; ${p.name} backs off and retries on its own.`,
    };
  }
  if (status === 415) {
    return {
      summary: `${tried}: refused, the request was not sent as JSON`,
      advice: `This needs to be fixed in ${p.name}: requests must be sent as application/scim+json or application/json.`,
    };
  }
  return { summary: `${tried}: refused (${status}${detail ? `: ${detail}` : ""})` };
}

/** What the provider was trying to do, as a verb phrase: "create alice@acme.com", "deactivate usr_…". */
function attempt(r: Request): string {
  if (r.resource === "discovery") return "check the connection";
  if (r.resource === "users") {
    if (r.id === undefined) return r.method === "POST" ? `create ${userTarget(r)}` : r.method === "GET" ? "list users" : `call ${r.method} ${shortPath(r)}`;
    if (r.method === "GET") return `look up ${userTarget(r)}`;
    if (r.method === "DELETE") return `delete ${userTarget(r)}`;
    const active = r.method === "PATCH" ? patchedActive(r.body) : undefined;
    if (active !== undefined) return `${active ? "reactivate" : "deactivate"} ${userTarget(r)}`;
    return `update ${userTarget(r)}`;
  }
  if (r.resource === "groups") {
    if (r.id === undefined) return r.method === "POST" ? `create group ${groupName(r)}` : r.method === "GET" ? "list groups" : `call ${r.method} ${shortPath(r)}`;
    if (r.method === "GET") return `look up group ${groupName(r)}`;
    if (r.method === "DELETE") return `delete group ${groupName(r)}`;
    if (r.method === "PATCH" && patchesOnlyMembers(r.body)) return `change the members of group ${groupName(r)}`;
    return `update group ${groupName(r)}`;
  }
  return `call ${r.method} ${shortPath(r)}`;
}

// ─── names ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The user's email or userName as logged, else as sent, else its id: "alice@acme.com", "user usr_…". */
function userTarget(r: Request): string {
  const name = text(r.entry.subject) ?? text(r.body?.userName);
  if (name) return clip(name);
  const id = r.id ?? r.entry.resourceId;
  return id ? `user ${clip(id)}` : "a user";
}

/** The group's name as logged, else as sent (top level, or in a PATCH's no-path value), else its id. */
function groupName(r: Request): string {
  const name = text(r.entry.subject) ?? text(r.body?.displayName) ?? patchedDisplayName(r.body);
  if (name) return clip(name);
  const id = r.id ?? r.entry.resourceId;
  return id ? clip(id) : "(unnamed)";
}

function operations(body: Record<string, unknown> | null): Record<string, unknown>[] {
  const ops = body?.Operations;
  return Array.isArray(ops) ? ops.filter(isObject) : [];
}

/**
 * Whether a PATCH only sets `active`, and to what: Entra sends `{"op":"Replace","path":"active","value":"False"}`,
 * Okta `{"op":"replace","value":{"active":false}}`.
 */
function patchedActive(body: Record<string, unknown> | null): boolean | undefined {
  const ops = operations(body);
  if (ops.length === 0) return undefined;
  const values = ops.map((op) => {
    if (typeof op.path === "string") return op.path.toLowerCase() === "active" ? toBoolean(op.value) : undefined;
    if (isObject(op.value) && Object.keys(op.value).length === 1 && "active" in op.value) return toBoolean(op.value.active);
    return undefined;
  });
  const first = values[0];
  return first !== undefined && values.every((v) => v === first) ? first : undefined;
}

function patchesOnlyMembers(body: Record<string, unknown> | null): boolean {
  const ops = operations(body);
  return ops.length > 0 && ops.every((op) => typeof op.path === "string" && /^members\b/i.test(op.path));
}

function patchedDisplayName(body: Record<string, unknown> | null): string | undefined {
  for (const op of operations(body)) {
    if (typeof op.path === "string" && op.path.toLowerCase() === "displayname") return text(op.value);
    if (isObject(op.value)) {
      const name = text(op.value.displayName);
      if (name) return name;
    }
  }
  return undefined;
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return undefined;
}

function members(n: number): string {
  return `${n} ${n === 1 ? "member" : "members"}`;
}

function memberChange(added: number, removed: number): string {
  if (added > 0 && removed > 0) return `added ${members(added)} and removed ${members(removed)}`;
  return added > 0 ? `added ${members(added)}` : `removed ${members(removed)}`;
}

/** The path below the directory, which the admin recognises from the provider's own logs: "/Users/usr_…". */
function shortPath(r: Request): string {
  const below = /^\/scim\/v2\/[^/]+(\/.*)?$/.exec(r.entry.path);
  return clip(below ? below[1] || "/" : r.entry.path);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** Names and details come from the provider; a runaway one must not swamp the row. */
function clip(value: string, max = 120): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
