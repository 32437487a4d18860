import type { z } from "zod";
import type { SyncLogRow } from "@/lib/audit/query-sync-log";
import type { SetupLinkStatus } from "@/lib/auth/list-setup-links";
import type { SessionVerification } from "@/lib/auth/verify-session";
import type { Account, Directory, DirectoryGroup, DirectoryUser, Event, Organization, SetupLink } from "@/lib/db/generated/client";
import { scimBaseUrl } from "@/lib/directory/scim-base-url";
import type { ConnectionHealth } from "@/lib/directory-health/connection-health";
import { toConnectionHealthJson } from "@/lib/directory-health/to-connection-health-json";
import type { WebhookDeliveryView } from "@/lib/events/to-webhook-delivery";
import type { WebhookEndpointView } from "@/lib/events/to-webhook-endpoint";
import type { accountSchema } from "./schemas/accounts";
import type { directoryDetailSchema, directorySchema, rotatedScimTokenSchema } from "./schemas/directories";
import type { directoryGroupDetailSchema, directoryGroupSchema } from "./schemas/directory-groups";
import type { directoryUserDetailSchema, directoryUserSchema } from "./schemas/directory-users";
import type { eventSchema } from "./schemas/events";
import type { organizationSchema } from "./schemas/organizations";
import type { createdSessionSchema, sessionSchema, sessionVerificationSchema } from "./schemas/sessions";
import type { setupLinkSchema } from "./schemas/setup-links";
import type { syncLogEntrySchema } from "./schemas/sync-log";
import type { webhookDeliverySchema, webhookEndpointSchema } from "./schemas/webhooks";

// Output goes through these explicit serializers (STYLE rule 6), each typed by the response schema that
// the OpenAPI document publishes, so a field added to one and not the other fails the type check.

type Out<T extends z.ZodType> = z.output<T>;

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiOrganization(o: Pick<Organization, "id" | "slug" | "name" | "domains" | "supportContact" | "createdAt" | "updatedAt">): Out<typeof organizationSchema> {
  return { id: o.id, slug: o.slug, name: o.name, domains: o.domains, support_contact: o.supportContact, created_at: iso(o.createdAt), updated_at: iso(o.updatedAt) };
}

const SYNC_MODE_API = { FULL: "full", DEPROVISION_ONLY: "deprovision-only" } as const;

export function toApiDirectory(d: Directory): Out<typeof directorySchema> {
  return {
    id: d.id,
    organization_id: d.organizationId,
    name: d.name,
    provider: d.provider,
    sync_mode: SYNC_MODE_API[d.syncMode],
    status: d.status === "ACTIVE" ? "active" : d.status === "DISABLED" ? "disabled" : "pending",
    scim_base_url: scimBaseUrl(d.id),
    source: d.source,
    last_sync_at: isoOrNull(d.lastSyncAt),
    next_sync_at: isoOrNull(d.nextSyncAt),
    last_sync_outcome: d.lastSyncOutcome,
    sync_problem: d.syncProblem,
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
  };
}

type TokenInfo = { prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };

export function toApiDirectoryDetail(d: Directory, tokens: TokenInfo[], health: ConnectionHealth): Out<typeof directoryDetailSchema> {
  return {
    ...toApiDirectory(d),
    tokens: tokens.map((t) => ({ prefix: t.prefix, created_at: iso(t.createdAt), last_used_at: isoOrNull(t.lastUsedAt), expires_at: isoOrNull(t.expiresAt) })),
    connection_health: toConnectionHealthJson(health),
  };
}

export function toApiRotatedScimToken(r: { directoryId: string; token: string; prefix: string; previousTokensExpireAt: Date | null }): Out<typeof rotatedScimTokenSchema> {
  return { directory_id: r.directoryId, token: r.token, prefix: r.prefix, previous_tokens_expire_at: isoOrNull(r.previousTokensExpireAt) };
}

const attributesOf = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export function toApiDirectoryUser(u: DirectoryUser & { account: { id: string } | null }): Out<typeof directoryUserSchema> {
  return {
    id: u.id,
    directory_id: u.directoryId,
    organization_id: u.organizationId,
    user_name: u.userName,
    external_id: u.externalId,
    email: u.email,
    given_name: u.givenName,
    family_name: u.familyName,
    display_name: u.displayName,
    active: u.active,
    account_id: u.account?.id ?? null,
    attributes: attributesOf(u.attributes),
    version: u.version,
    created_at: iso(u.createdAt),
    updated_at: iso(u.updatedAt),
  };
}

export function toApiDirectoryUserDetail(
  u: DirectoryUser & { account: { id: string } | null; memberships: { group: { id: string; displayName: string } }[] },
): Out<typeof directoryUserDetailSchema> {
  return { ...toApiDirectoryUser(u), groups: u.memberships.map((m) => ({ id: m.group.id, display_name: m.group.displayName })) };
}

export function toApiDirectoryGroup(g: DirectoryGroup & { _count: { members: number } }): Out<typeof directoryGroupSchema> {
  return {
    id: g.id,
    directory_id: g.directoryId,
    organization_id: g.organizationId,
    display_name: g.displayName,
    external_id: g.externalId,
    member_count: g._count.members,
    attributes: attributesOf(g.attributes),
    version: g.version,
    created_at: iso(g.createdAt),
    updated_at: iso(g.updatedAt),
  };
}

type MemberRow = { userId: string; display: string | null; user: { userName: string; displayName: string | null; email: string | null; active: boolean } };

export function toApiDirectoryGroupDetail({ group, members, membersNextCursor }: {
  group: DirectoryGroup & { _count: { members: number } };
  members: MemberRow[];
  membersNextCursor: string | null;
}): Out<typeof directoryGroupDetailSchema> {
  return {
    ...toApiDirectoryGroup(group),
    members: members.map((m) => ({ id: m.userId, user_name: m.user.userName, display_name: m.user.displayName ?? m.display, email: m.user.email, active: m.user.active })),
    members_next_cursor: membersNextCursor,
  };
}

export function toApiAccount(a: Pick<Account, "id" | "organizationId" | "email" | "name" | "status" | "source" | "directoryUserId" | "createdAt" | "updatedAt" | "deactivatedAt">): Out<typeof accountSchema> {
  return {
    id: a.id,
    organization_id: a.organizationId,
    email: a.email,
    name: a.name,
    status: a.status,
    source: a.source,
    directory_user_id: a.directoryUserId,
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
    deactivated_at: isoOrNull(a.deactivatedAt),
  };
}

type SessionRow = { id: string; accountId: string; organizationId: string; createdAt: Date; expiresAt: Date; revokedAt: Date | null };

export function toApiSession(x: SessionRow, now = new Date()): Out<typeof sessionSchema> {
  return {
    id: x.id,
    account_id: x.accountId,
    organization_id: x.organizationId,
    status: x.revokedAt ? "revoked" : x.expiresAt <= now ? "expired" : "active",
    created_at: iso(x.createdAt),
    expires_at: iso(x.expiresAt),
    revoked_at: isoOrNull(x.revokedAt),
  };
}

export function toApiCreatedSession({ session, token }: { session: SessionRow; token: string }): Out<typeof createdSessionSchema> {
  return { ...toApiSession(session), token };
}

export function toApiSessionVerification(v: SessionVerification): Out<typeof sessionVerificationSchema> {
  if (!v.valid) return { valid: false, reason: v.reason };
  return { valid: true, account: toApiAccount(v.account), session: { id: v.session.id, created_at: iso(v.session.createdAt), expires_at: iso(v.session.expiresAt) } };
}

export function toApiSyncLogEntry(e: SyncLogRow): Out<typeof syncLogEntrySchema> {
  return {
    id: e.id,
    created_at: iso(e.createdAt),
    organization_id: e.organizationId,
    directory_id: e.directoryId,
    method: e.method,
    path: e.path,
    query: e.query,
    status: e.status,
    latency_ms: e.latencyMs,
    token_prefix: e.tokenPrefix,
    client_ip: e.clientIp,
    user_agent: e.userAgent,
    resource_type: e.resourceType,
    resource_id: e.resourceId,
    actions: e.actions,
    subject: e.subject,
    scim_type: e.scimType,
    error_detail: e.errorDetail,
    request_body: e.requestBody ?? null,
    repeat_count: e.repeatCount,
  };
}

export function toApiEvent(e: Pick<Event, "id" | "type" | "organizationId" | "directoryId" | "createdAt"> & { data: unknown }): Out<typeof eventSchema> {
  return { id: e.id, type: e.type, organization_id: e.organizationId, directory_id: e.directoryId, data: e.data, created_at: iso(e.createdAt) };
}

export function toApiWebhookEndpoint(w: WebhookEndpointView): Out<typeof webhookEndpointSchema> {
  return {
    id: w.id,
    organization_id: w.organizationId,
    url: w.url,
    event_types: w.eventTypes,
    secret_prefix: w.secretPrefix,
    enabled: w.enabled,
    created_at: iso(w.createdAt),
    updated_at: iso(w.updatedAt),
  };
}

export function toApiWebhookDelivery(d: WebhookDeliveryView): Out<typeof webhookDeliverySchema> {
  return {
    id: d.id,
    endpoint_id: d.endpointId,
    event_id: d.eventId,
    event_type: d.eventType,
    organization_id: d.organizationId,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: isoOrNull(d.nextAttemptAt),
    last_attempt_at: isoOrNull(d.lastAttemptAt),
    created_at: iso(d.createdAt),
    attempt_log: d.attemptLog.map((a) => ({
      attempt: a.attempt,
      started_at: iso(a.startedAt),
      latency_ms: a.latencyMs,
      status_code: a.statusCode,
      error: a.error,
      response_excerpt: a.responseExcerpt,
    })),
  };
}

export function toApiSetupLink(l: SetupLink & { status: SetupLinkStatus }): Out<typeof setupLinkSchema> {
  return {
    id: l.id,
    organization_id: l.organizationId,
    prefix: l.prefix,
    intent: l.intent,
    status: l.status,
    created_by: l.createdBy,
    created_at: iso(l.createdAt),
    expires_at: iso(l.expiresAt),
    last_used_at: isoOrNull(l.lastUsedAt),
    revoked_at: isoOrNull(l.revokedAt),
  };
}
