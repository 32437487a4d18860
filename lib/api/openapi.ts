import { z } from "zod";
import { accountSchema, createAccountBodySchema, listAccountsQuerySchema } from "./schemas/accounts";
import { createdDirectorySchema, createDirectoryBodySchema, directoryDetailSchema, directorySchema, listDirectoriesQuerySchema, revokedScimTokensSchema, revokeScimTokensQuerySchema, rotatedScimTokenSchema, rotateScimTokenBodySchema, updateDirectoryBodySchema } from "./schemas/directories";
import { csvPreviewSchema, directorySyncPathSchema, directorySyncSchema, importCsvQuerySchema, listDirectorySyncsQuerySchema } from "./schemas/directory-pulls";
import { directoryGroupDetailSchema, directoryGroupPathSchema, directoryGroupSchema, getDirectoryGroupQuerySchema, listDirectoryGroupsQuerySchema } from "./schemas/directory-groups";
import { directoryUserDetailSchema, directoryUserPathSchema, directoryUserSchema, listDirectoryUsersQuerySchema } from "./schemas/directory-users";
import { eventPageSchema, listEventsQuerySchema } from "./schemas/events";
import { createOrganizationBodySchema, listOrganizationsQuerySchema, organizationSchema, updateOrganizationBodySchema } from "./schemas/organizations";
import { createdSessionSchema, createSessionBodySchema, listSessionsQuerySchema, sessionSchema, sessionVerificationSchema, verifySessionBodySchema } from "./schemas/sessions";
import { createdSetupLinkSchema, createSetupLinkBodySchema, setupLinkPathSchema, setupLinkSchema } from "./schemas/setup-links";
import { errorResponseSchema, idPathSchema, pageSchema } from "./schemas/shared";
import { putSsoConnectionBodySchema, ssoConnectionSettingsSchema } from "./schemas/sso-connections";
import { putSsoRedirectUrisBodySchema, ssoRedirectUriListSchema } from "./schemas/sso-redirect-uris";
import { listSyncLogQuerySchema, streamSyncLogQuerySchema, syncLogEntrySchema } from "./schemas/sync-log";
import { createdWebhookEndpointSchema, createWebhookEndpointBodySchema, listWebhookDeliveriesQuerySchema, listWebhookEndpointsQuerySchema, webhookDeliverySchema, webhookEndpointSchema } from "./schemas/webhooks";
import { exchangeSignInCodeBodySchema, listSignInsQuerySchema, signInExchangeSchema, signInLogEntrySchema } from "./schemas/sign-in";

// The OpenAPI 3.1 document of the management API, generated from the zod schemas the routes parse with
// (lib/api/schemas/, one file per domain). OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what z.toJSONSchema writes.
// lib/api/openapi.test.ts walks app/api/v1 and fails when a route file and this table disagree.

type Method = "get" | "post" | "put" | "patch" | "delete";

type Operation = {
  method: Method;
  /** The OpenAPI path: /api/v1/directories/{id}. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** false: no API key (the document itself). */
  auth?: false;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body's media type when it is not JSON (a CSV import is text/csv). */
  bodyContentType?: string;
  /** The success response: status, description and body schema (none for 204). */
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Error statuses beyond the ones every operation gets (400 with input, 401 with auth, 404 with path ids). */
  errors?: { status: number; description: string }[];
};

const ORGANIZATION_ID = idPathSchema.extend({ id: z.string().describe("Organization id (org_…).") });
const DIRECTORY_ID = idPathSchema.extend({ id: z.string().describe("Directory id (dir_…).") });
const ACCOUNT_ID = idPathSchema.extend({ id: z.string().describe("Account id (acc_…).") });

export const OPERATIONS: Operation[] = [
  // organizations
  { method: "get", path: "/api/v1/organizations", operationId: "listOrganizations", tag: "Organizations", summary: "List organizations", description: "An organization's key sees only its own.", query: listOrganizationsQuerySchema, success: { status: 200, description: "A page of organizations.", schema: pageSchema(organizationSchema) } },
  { method: "post", path: "/api/v1/organizations", operationId: "createOrganization", tag: "Organizations", summary: "Create an organization", description: "Needs a global key.", body: createOrganizationBodySchema, success: { status: 201, description: "The organization.", schema: organizationSchema }, errors: [{ status: 403, description: "An organization's key cannot create organizations." }, { status: 409, description: "The slug is taken." }] },
  { method: "get", path: "/api/v1/organizations/{id}", operationId: "getOrganization", tag: "Organizations", summary: "Get an organization", pathParams: ORGANIZATION_ID, success: { status: 200, description: "The organization.", schema: organizationSchema } },
  { method: "patch", path: "/api/v1/organizations/{id}", operationId: "updateOrganization", tag: "Organizations", summary: "Update an organization", pathParams: ORGANIZATION_ID, body: updateOrganizationBodySchema, success: { status: 200, description: "The organization.", schema: organizationSchema }, errors: [{ status: 409, description: "The slug is taken." }] },
  { method: "delete", path: "/api/v1/organizations/{id}", operationId: "deleteOrganization", tag: "Organizations", summary: "Delete an organization", description: "Global keys only (an organization's key gets 403). Deletes everything it owns: directories, users, groups, accounts, sessions, sync log, its webhook endpoints and API keys. Its events are kept, and an `organization.deleted` event goes to the events feed and to global webhook endpoints.", pathParams: ORGANIZATION_ID, success: { status: 204, description: "Deleted." }, errors: [{ status: 403, description: "An organization's key cannot delete an organization, its own included." }] },

  // setup links
  { method: "get", path: "/api/v1/organizations/{id}/setup-links", operationId: "listSetupLinks", tag: "Setup links", summary: "List an organization's setup links", description: "Newest first, each with its status. The links themselves cannot be shown again.", pathParams: ORGANIZATION_ID, success: { status: 200, description: "The setup links.", schema: pageSchema(setupLinkSchema) } },
  { method: "post", path: "/api/v1/organizations/{id}/setup-links", operationId: "createSetupLink", tag: "Setup links", summary: "Issue a setup link", description: "Answers the link's URL this once; only its SHA-256 is stored. Send it to the customer's IT admin, who opens the setup portal with it until it expires.", pathParams: ORGANIZATION_ID, body: createSetupLinkBodySchema, success: { status: 201, description: "The setup link and its URL.", schema: createdSetupLinkSchema } },
  { method: "delete", path: "/api/v1/organizations/{id}/setup-links/{linkId}", operationId: "revokeSetupLink", tag: "Setup links", summary: "Revoke a setup link", description: "Stops the link and ends the portal sessions it opened, at once; repeating the call is harmless.", pathParams: setupLinkPathSchema, success: { status: 200, description: "The revoked link.", schema: setupLinkSchema } },
  // single sign-on
  { method: "get", path: "/api/v1/organizations/{id}/sso-connection", operationId: "getSsoConnection", tag: "Single sign-on", summary: "Get an organization's SSO connection", description: "Always answers our side of the connection (entity ID, ACS URL, redirect URI, metadata URL), to enter at the identity provider; `connection` is null until one is configured. The OIDC client secret is never returned.", pathParams: ORGANIZATION_ID, success: { status: 200, description: "Our side and the connection.", schema: ssoConnectionSettingsSchema } },
  { method: "put", path: "/api/v1/organizations/{id}/sso-connection", operationId: "putSsoConnection", tag: "Single sign-on", summary: "Configure an organization's SSO connection", description: "Creates or replaces the one connection, SAML (from the IdP's metadata, as XML or a URL) or OIDC (checked through the issuer's discovery document). The checks and the field-level messages are the setup portal's. On any error nothing is saved.", pathParams: ORGANIZATION_ID, body: putSsoConnectionBodySchema, success: { status: 200, description: "Our side and the connection as saved.", schema: ssoConnectionSettingsSchema } },
  { method: "delete", path: "/api/v1/organizations/{id}/sso-connection", operationId: "deleteSsoConnection", tag: "Single sign-on", summary: "Remove an organization's SSO connection", description: "Sign-in through it stops at once; accounts and sessions stay. 404 when there is none.", pathParams: ORGANIZATION_ID, success: { status: 204, description: "Removed." } },
  { method: "get", path: "/api/v1/sso/redirect-uris", operationId: "listSsoRedirectUris", tag: "Single sign-on", summary: "List the sign-in redirect URIs", description: "Where `/sso/authorize` may send people back with a code: SSO_REDIRECT_URIS, then the entries stored here. Needs a global key.", success: { status: 200, description: "The whole allow-list.", schema: ssoRedirectUriListSchema }, errors: [{ status: 403, description: "An organization's key cannot read the allow-list." }] },
  { method: "put", path: "/api/v1/sso/redirect-uris", operationId: "putSsoRedirectUris", tag: "Single sign-on", summary: "Replace the stored sign-in redirect URIs", description: "Replaces every entry stored through the API; SSO_REDIRECT_URIS is not changed. Matching at sign-in is exact. A wrong entry is a 400 at `redirect_uris.<index>` and changes nothing. Needs a global key.", body: putSsoRedirectUrisBodySchema, success: { status: 200, description: "The whole allow-list after the change.", schema: ssoRedirectUriListSchema }, errors: [{ status: 403, description: "An organization's key cannot change the allow-list." }] },

  // accounts and sessions
  { method: "get", path: "/api/v1/organizations/{id}/accounts", operationId: "listAccounts", tag: "Accounts", summary: "List an organization's accounts", pathParams: ORGANIZATION_ID, query: listAccountsQuerySchema, success: { status: 200, description: "A page of accounts.", schema: pageSchema(accountSchema) } },
  { method: "post", path: "/api/v1/organizations/{id}/accounts", operationId: "createAccount", tag: "Accounts", summary: "Create a manual account", description: "Email is unique per organization, whatever its case.", pathParams: ORGANIZATION_ID, body: createAccountBodySchema, success: { status: 201, description: "The account.", schema: accountSchema }, errors: [{ status: 409, description: "An account with this email exists." }] },
  { method: "get", path: "/api/v1/accounts/{id}", operationId: "getAccount", tag: "Accounts", summary: "Get an account", pathParams: ACCOUNT_ID, success: { status: 200, description: "The account.", schema: accountSchema } },
  { method: "get", path: "/api/v1/accounts/{id}/sessions", operationId: "listSessions", tag: "Sessions", summary: "List an account's sessions", pathParams: ACCOUNT_ID, query: listSessionsQuerySchema, success: { status: 200, description: "A page of sessions.", schema: pageSchema(sessionSchema) } },
  { method: "post", path: "/api/v1/accounts/{id}/sessions", operationId: "createSession", tag: "Sessions", summary: "Start a session", description: "Answers the session token this once; only its SHA-256 is stored. A deactivated account gets 400.", pathParams: ACCOUNT_ID, body: createSessionBodySchema, success: { status: 201, description: "The session and its token.", schema: createdSessionSchema } },
  { method: "delete", path: "/api/v1/sessions/{id}", operationId: "revokeSession", tag: "Sessions", summary: "Revoke a session", description: "Ends it at once; repeating the call is harmless.", pathParams: idPathSchema.extend({ id: z.string().describe("Session id (ses_…).") }), success: { status: 200, description: "The revoked session.", schema: sessionSchema } },
  { method: "post", path: "/api/v1/sessions/verify", operationId: "verifySession", tag: "Sessions", summary: "Check a session token", description: "Always 200: `valid: true` with the account, or `valid: false` with the reason. A token of another organization than the key's is `unknown`.", body: verifySessionBodySchema, success: { status: 200, description: "The verdict.", schema: sessionVerificationSchema } },

  // SSO sign-in
  { method: "post", path: "/api/v1/sso/token", operationId: "exchangeSignInCode", tag: "SSO sign-in", summary: "Exchange a sign-in code", description: "The code from your redirect_uri, once, within 5 minutes, with the same redirect_uri (and the PKCE verifier when the sign-in sent a challenge). A code used twice is refused and the session its first use issued is revoked. Refusals are 400 `invalid_grant`.", body: exchangeSignInCodeBodySchema, success: { status: 200, description: "The person's profile, their account, and a session when asked for.", schema: signInExchangeSchema } },
  { method: "get", path: "/api/v1/sso/sign-ins", operationId: "listSignIns", tag: "SSO sign-in", summary: "The sign-in log", description: "Every SSO sign-in attempt, newest first, with its outcome and reason.", query: listSignInsQuerySchema, success: { status: 200, description: "A page of sign-in attempts.", schema: pageSchema(signInLogEntrySchema) } },

  // directories
  { method: "get", path: "/api/v1/directories", operationId: "listDirectories", tag: "Directories", summary: "List directories", query: listDirectoriesQuerySchema, success: { status: 200, description: "A page of directories.", schema: pageSchema(directorySchema) } },
  { method: "post", path: "/api/v1/directories", operationId: "createDirectory", tag: "Directories", summary: "Create a directory", description: "Answers the SCIM base URL and the first bearer token, which is shown this once.", body: createDirectoryBodySchema, success: { status: 201, description: "The directory and its token.", schema: createdDirectorySchema }, errors: [{ status: 404, description: "The organization does not exist or is outside the key's scope." }] },
  { method: "get", path: "/api/v1/directories/{id}", operationId: "getDirectory", tag: "Directories", summary: "Get a directory", pathParams: DIRECTORY_ID, success: { status: 200, description: "The directory and the prefixes of its working tokens.", schema: directoryDetailSchema } },
  { method: "patch", path: "/api/v1/directories/{id}", operationId: "updateDirectory", tag: "Directories", summary: "Rename a directory or change its sync mode", pathParams: DIRECTORY_ID, body: updateDirectoryBodySchema, success: { status: 200, description: "The directory.", schema: directorySchema } },
  { method: "delete", path: "/api/v1/directories/{id}", operationId: "deleteDirectory", tag: "Directories", summary: "Delete a directory", description: "Its tokens, users, groups and sync log go with it, and a `dsync.deleted` event counts them. Accounts stay, with their status and sessions; only their link to the deleted directory users is cleared.", pathParams: DIRECTORY_ID, success: { status: 204, description: "Deleted." } },
  { method: "post", path: "/api/v1/directories/{id}/tokens", operationId: "rotateScimToken", tag: "Directories", summary: "Rotate the SCIM token", description: "Issues a new token (shown this once); the current ones keep working for `grace`.", pathParams: DIRECTORY_ID, body: rotateScimTokenBodySchema, success: { status: 201, description: "The new token.", schema: rotatedScimTokenSchema } },
  { method: "delete", path: "/api/v1/directories/{id}/tokens", operationId: "revokeScimTokens", tag: "Directories", summary: "Revoke SCIM tokens", description: "Stops every token of the directory at once, or the one whose prefix is given.", pathParams: DIRECTORY_ID, query: revokeScimTokensQuerySchema, success: { status: 200, description: "How many tokens were revoked.", schema: revokedScimTokensSchema } },

  // pulled directories: CSV imports, sync history, held pulls
  {
    method: "post", path: "/api/v1/directories/{id}/imports", operationId: "importCsv", tag: "Directory sync (pulled)", summary: "Import a CSV of users",
    description: "Into a directory created with `source: csv`. Send the file as `text/csv` (UTF-8, with or without a BOM), one user per row, with a header line. Columns are found by their usual names (email, userName, first name, last name, display name, department, manager, groups, active) or mapped with `column_<field>`. Every user missing from the file is deactivated, never deleted; one who reappears is reactivated. `mode=preview` answers the counts and changes nothing. A file with any bad row applies nothing (422, each problem with its line and column) unless `skip_invalid_rows=true`. An import that would deactivate more than the directory's guard rail allows is held (202) until approved. Every import is kept in the sync history.",
    pathParams: DIRECTORY_ID, query: importCsvQuerySchema, body: z.string().describe("The CSV file."), bodyContentType: "text/csv",
    success: { status: 201, description: "Applied (or, with mode=preview, 200 and a CsvImportPreview).", schema: z.union([csvPreviewSchema, z.object({ mode: z.literal("apply"), id: z.string(), status: z.string(), message: z.string().nullable(), row_count: z.number().int(), problems: z.array(z.unknown()), counts: z.record(z.string(), z.number()).nullable() })]) },
    errors: [{ status: 202, description: "Held for approval by the guard rail." }, { status: 413, description: "The file is larger than 100 MB." }, { status: 415, description: "The body is not text/csv." }, { status: 422, description: "The file has bad rows and nothing was applied; `problems` lists them." }],
  },
  { method: "get", path: "/api/v1/directories/{id}/syncs", operationId: "listDirectorySyncs", tag: "Directory sync (pulled)", summary: "A pulled directory's sync history", description: "Google Workspace syncs and CSV imports, newest first: who started each, when, what it changed and how it ended.", pathParams: DIRECTORY_ID, query: listDirectorySyncsQuerySchema, success: { status: 200, description: "A page of syncs.", schema: pageSchema(directorySyncSchema) } },
  { method: "post", path: "/api/v1/directories/{id}/syncs", operationId: "syncDirectoryNow", tag: "Directory sync (pulled)", summary: "Sync a Google Workspace directory now", description: "Queues a sync on the worker's job queue; its outcome appears in the sync history, on the directory and, if it fails, as a `dsync.sync_failed` event. Scheduled syncs run every `sync_interval_minutes` (default 30).", pathParams: DIRECTORY_ID, success: { status: 202, description: "Queued.", schema: z.object({ directory_id: z.string(), queued: z.literal(true) }) } },
  { method: "post", path: "/api/v1/directories/{id}/syncs/{syncId}/approve", operationId: "approveDirectorySync", tag: "Directory sync (pulled)", summary: "Approve a held sync", description: "Applies a sync or import the guard rail held, against the directory as it is now.", pathParams: directorySyncPathSchema, success: { status: 200, description: "The outcome.", schema: z.object({ id: z.string(), status: z.string(), message: z.string().nullable(), counts: z.record(z.string(), z.number()).nullable() }) }, errors: [{ status: 409, description: "The sync is not held (any more)." }] },
  { method: "post", path: "/api/v1/directories/{id}/syncs/{syncId}/discard", operationId: "discardDirectorySync", tag: "Directory sync (pulled)", summary: "Discard a held sync", description: "Nothing of it is applied.", pathParams: directorySyncPathSchema, success: { status: 200, description: "Discarded.", schema: z.object({ id: z.string(), status: z.literal("discarded") }) }, errors: [{ status: 409, description: "The sync is not held (any more)." }] },

  // directory users and groups
  { method: "get", path: "/api/v1/directories/{id}/users", operationId: "listDirectoryUsers", tag: "Directory users and groups", summary: "List a directory's users", pathParams: DIRECTORY_ID, query: listDirectoryUsersQuerySchema, success: { status: 200, description: "A page of users.", schema: pageSchema(directoryUserSchema) } },
  { method: "get", path: "/api/v1/directories/{id}/users/{userId}", operationId: "getDirectoryUser", tag: "Directory users and groups", summary: "Get a directory user", description: "The stored SCIM attributes and the groups the user is a direct member of.", pathParams: directoryUserPathSchema, success: { status: 200, description: "The user.", schema: directoryUserDetailSchema } },
  { method: "get", path: "/api/v1/directories/{id}/groups", operationId: "listDirectoryGroups", tag: "Directory users and groups", summary: "List a directory's groups", pathParams: DIRECTORY_ID, query: listDirectoryGroupsQuerySchema, success: { status: 200, description: "A page of groups.", schema: pageSchema(directoryGroupSchema) } },
  { method: "get", path: "/api/v1/directories/{id}/groups/{groupId}", operationId: "getDirectoryGroup", tag: "Directory users and groups", summary: "Get a group with a page of its members", description: "`limit` and `after` page through the members.", pathParams: directoryGroupPathSchema, query: getDirectoryGroupQuerySchema, success: { status: 200, description: "The group.", schema: directoryGroupDetailSchema } },

  // sync log
  { method: "get", path: "/api/v1/sync-log", operationId: "listSyncLog", tag: "Sync log", summary: "Search the sync log", description: "One entry per SCIM request, newest first.", query: listSyncLogQuerySchema, success: { status: 200, description: "A page of entries.", schema: pageSchema(syncLogEntrySchema) }, errors: [{ status: 404, description: "The directory or organization filter is outside the key's scope." }] },
  {
    method: "get", path: "/api/v1/sync-log/stream", operationId: "streamSyncLog", tag: "Sync log", summary: "Follow the sync log live",
    description: "Server-Sent Events: each new entry is an `event: sync_log` whose `id:` is the entry id and whose `data:` is a SyncLogEntry, within about 2 seconds of its request. A `: heartbeat` comment comes every 15 seconds. On reconnect, Last-Event-ID (or `after`) resumes after that entry.",
    query: streamSyncLogQuerySchema,
    success: { status: 200, description: "An event stream.", schema: z.string(), contentType: "text/event-stream" },
    errors: [{ status: 404, description: "The directory or organization is outside the key's scope." }],
  },

  // events and webhooks
  { method: "get", path: "/api/v1/events", operationId: "listEvents", tag: "Events and webhooks", summary: "Read the events feed", description: "In commit order, replayable from any cursor, and it never skips an event. An organization's key reads only its organization's events.", query: listEventsQuerySchema, success: { status: 200, description: "A page of events.", schema: eventPageSchema } },
  { method: "get", path: "/api/v1/webhook-endpoints", operationId: "listWebhookEndpoints", tag: "Events and webhooks", summary: "List webhook endpoints", description: "An organization's key sees its own endpoints, not global ones.", query: listWebhookEndpointsQuerySchema, success: { status: 200, description: "Every endpoint in scope (one page).", schema: pageSchema(webhookEndpointSchema) } },
  { method: "post", path: "/api/v1/webhook-endpoints", operationId: "createWebhookEndpoint", tag: "Events and webhooks", summary: "Create a webhook endpoint", description: "Answers the signing secret this once.", body: createWebhookEndpointBodySchema, success: { status: 201, description: "The endpoint and its secret.", schema: createdWebhookEndpointSchema }, errors: [{ status: 403, description: "A global endpoint needs a global key." }, { status: 404, description: "The organization does not exist or is outside the key's scope." }] },
  { method: "get", path: "/api/v1/webhook-deliveries", operationId: "listWebhookDeliveries", tag: "Events and webhooks", summary: "List webhook deliveries", description: "Newest first, each with its attempts. An organization's key sees deliveries of its own events only.", query: listWebhookDeliveriesQuerySchema, success: { status: 200, description: "A page of deliveries.", schema: pageSchema(webhookDeliverySchema) } },
  { method: "post", path: "/api/v1/webhook-deliveries/{id}/redeliver", operationId: "redeliverWebhookDelivery", tag: "Events and webhooks", summary: "Send a delivery again", description: "Queues one more attempt, due now; the worker sends it.", pathParams: idPathSchema.extend({ id: z.string().describe("Webhook delivery id (dlv_…).") }), success: { status: 202, description: "The delivery, queued.", schema: webhookDeliverySchema } },
  { method: "delete", path: "/api/v1/webhook-endpoints/{id}", operationId: "deleteWebhookEndpoint", tag: "Events and webhooks", summary: "Delete a webhook endpoint", pathParams: idPathSchema.extend({ id: z.string().describe("Webhook endpoint id (whk_…).") }), success: { status: 204, description: "Deleted, with its deliveries." } },

  // the document itself
  { method: "get", path: "/api/v1/openapi.json", operationId: "getOpenApiDocument", tag: "Meta", summary: "This document", auth: false, success: { status: 200, description: "The OpenAPI 3.1 document.", schema: z.record(z.string(), z.unknown()) } },
];

type JsonSchema = Record<string, unknown>;

/** Converts one schema; named schemas (`.meta({ id })`) go to `components` and are referenced from here. */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  const { $schema: _schema, $defs, ...rest } = json;
  for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) components[id] = relink(def);
  return relink(rest);
}

function relink(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}

function parametersOf(where: "path" | "query", schema: z.ZodObject | undefined, components: Record<string, JsonSchema>) {
  if (!schema) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const { description, ...json } = toSchema(field, "input", components);
    // A field that accepts "absent" (optional, or with a default) is an optional parameter.
    const required = where === "path" || !field.safeParse(undefined).success;
    return { name, in: where, required, ...(description !== undefined && { description }), schema: json };
  });
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input: `error.fields` has a message per field.",
  401: "No API key, or a key that is unknown or revoked.",
  403: "Not allowed with this key.",
  404: "Not found, or outside the key's organization.",
  409: "Conflict with an existing resource.",
};

/** The whole document. Cheap enough to build per request; kept pure so that tests can inspect it. */
export function buildOpenApiDocument({ serverUrl }: { serverUrl?: string } = {}) {
  const components: Record<string, JsonSchema> = {};
  const errorRef = { $ref: `#/components/schemas/Error` };
  toSchema(errorResponseSchema, "output", components);

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const errorStatuses = new Map<number, string>();
    if (op.query || op.body) errorStatuses.set(400, ERROR_DESCRIPTIONS[400]!);
    if (op.auth !== false) errorStatuses.set(401, ERROR_DESCRIPTIONS[401]!);
    if (op.pathParams) errorStatuses.set(404, ERROR_DESCRIPTIONS[404]!);
    for (const e of op.errors ?? []) errorStatuses.set(e.status, e.description);

    const responses: Record<string, unknown> = {
      [op.success.status]: {
        description: op.success.description,
        ...(op.success.schema && { content: { [op.success.contentType ?? "application/json"]: { schema: toSchema(op.success.schema, "output", components) } } }),
      },
    };
    for (const [status, description] of [...errorStatuses].sort(([a], [b]) => a - b)) {
      responses[status] = { description, content: { "application/json": { schema: errorRef } } };
    }

    const parameters = [...parametersOf("path", op.pathParams, components), ...parametersOf("query", op.query, components)];
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description && { description: op.description }),
      ...(op.auth === false && { security: [] }),
      ...(parameters.length > 0 && { parameters }),
      ...(op.body && { requestBody: { required: !op.body.safeParse(undefined).success && !op.body.safeParse({}).success, content: { [op.bodyContentType ?? "application/json"]: { schema: toSchema(op.body, "input", components) } } } }),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Rollcall management API",
      version: "1.0.0",
      description:
        "Read what identity providers synced, manage organizations, directories, accounts and sessions, and follow changes through the events feed and webhooks. " +
        "Authenticate with `Authorization: Bearer rc_key_…` (`npm run dsync -- key create`). A key is global or scoped to one organization; " +
        "anything of another organization answers 404. Lists are cursor-paginated: pass `next_cursor` back as `after`. " +
        "Errors are `{ error: { code, message, fields } }`.",
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
    security: [{ apiKey: [] }],
    tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A management API key, rc_key_… (shown once by `dsync key create`)." } },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
