import type { Sql } from "@/lib/db/sql";
import type { ProvisioningDirectory } from "@/lib/directory/types";
import { sameJson, snapshotUserRef, toGroupAttributes, toUserAttributes, type DirectorySnapshot } from "./snapshot";

export type UserChange =
  | { kind: "create"; ref: string; subject: string; attributes: Record<string, unknown> }
  | { kind: "update" | "deactivate" | "reactivate"; userId: string; subject: string; attributes: Record<string, unknown> };

export type GroupChange =
  | { kind: "create"; name: string; attributes: Record<string, unknown>; memberRefs: string[] }
  | { kind: "update"; groupId: string; name: string; attributes: Record<string, unknown> }
  | { kind: "members"; groupId: string; name: string; addRefs: string[]; removeUserIds: string[] }
  | { kind: "delete"; groupId: string; name: string };

export type ReconciliationCounts = {
  created: number;
  updated: number;
  deactivated: number;
  reactivated: number;
  groupsCreated: number;
  groupsUpdated: number;
  groupsDeleted: number;
  membersAdded: number;
  membersRemoved: number;
};

export type ReconciliationPlan = {
  users: UserChange[];
  groups: GroupChange[];
  /** Snapshot refs of users already stored, to their ids; the users created by the plan are added as it runs. */
  storedUserIds: Map<string, string>;
  /** Active users stored before the plan: the base of the guard rail's share. */
  activeUsers: number;
  counts: ReconciliationCounts;
};

/** The snapshot itself is inconsistent (two users with one userName): nothing is applied. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotError";
  }
}

type StoredUser = { id: string; userName: string; externalId: string | null; active: boolean; attributes: Record<string, unknown> };
type StoredGroup = { id: string; displayName: string; externalId: string | null; attributes: Record<string, unknown> };

/**
 * Compares a snapshot with what the directory stores and lists the changes that bring the store in line, without
 * making any. Users match on the source's id (externalId), else on userName; a stored user the source no longer
 * lists is deactivated, never deleted, and one it lists again is reactivated. In deprovision-only mode groups are
 * left alone, as SCIM group writes are refused in that mode.
 */
export async function planReconciliation(db: Sql, directory: ProvisioningDirectory, snapshot: DirectorySnapshot): Promise<ReconciliationPlan> {
  const storedUsers = await db.query<StoredUser>(
    `SELECT "id", "userName"::text AS "userName", "externalId", "active", "attributes" FROM "DirectoryUser" WHERE "organizationId" = $1 AND "directoryId" = $2`,
    [directory.organizationId, directory.id],
  );
  const counts: ReconciliationCounts = { created: 0, updated: 0, deactivated: 0, reactivated: 0, groupsCreated: 0, groupsUpdated: 0, groupsDeleted: 0, membersAdded: 0, membersRemoved: 0 };
  const byExternalId = new Map<string, StoredUser>();
  const byUserName = new Map<string, StoredUser>();
  for (const u of storedUsers) {
    if (u.externalId) byExternalId.set(u.externalId, u);
    byUserName.set(u.userName.toLowerCase(), u);
  }
  const snapshotExternalIds = new Set(snapshot.users.flatMap((u) => (u.externalId ? [u.externalId] : [])));

  const users: UserChange[] = [];
  const storedUserIds = new Map<string, string>();
  const matched = new Set<string>();
  const seenUserNames = new Set<string>();
  const seenRefs = new Set<string>();
  for (const su of snapshot.users) {
    const userNameKey = su.userName.toLowerCase();
    if (seenUserNames.has(userNameKey)) throw new SnapshotError(`The source lists the userName "${su.userName}" twice`);
    seenUserNames.add(userNameKey);
    const ref = snapshotUserRef(su);
    if (seenRefs.has(ref)) throw new SnapshotError(`The source lists the user id "${su.externalId}" twice`);
    seenRefs.add(ref);

    // A stored user whose own source id is still listed belongs to that id, even if this user now has its userName.
    let stored = su.externalId ? byExternalId.get(su.externalId) : undefined;
    if (!stored) {
      const candidate = byUserName.get(userNameKey);
      if (candidate && (!candidate.externalId || !snapshotExternalIds.has(candidate.externalId))) stored = candidate;
    }
    if (stored && matched.has(stored.id)) stored = undefined;
    const attributes = toUserAttributes(su);
    const subject = su.email ?? su.userName;
    if (!stored) {
      users.push({ kind: "create", ref, subject, attributes });
      counts.created++;
      continue;
    }
    matched.add(stored.id);
    storedUserIds.set(ref, stored.id);
    if (sameJson(attributes, stored.attributes)) continue;
    const kind = stored.active && !su.active ? "deactivate" : !stored.active && su.active ? "reactivate" : "update";
    users.push({ kind, userId: stored.id, subject, attributes });
    counts[kind === "deactivate" ? "deactivated" : kind === "reactivate" ? "reactivated" : "updated"]++;
  }
  for (const stored of storedUsers) {
    if (matched.has(stored.id) || !stored.active) continue;
    users.push({ kind: "deactivate", userId: stored.id, subject: String(emailOf(stored.attributes) ?? stored.userName), attributes: { ...stored.attributes, active: false } });
    counts.deactivated++;
  }

  const groups = directory.syncMode === "FULL" ? await planGroups(db, directory, snapshot, storedUserIds, counts) : [];
  return { users, groups, storedUserIds, activeUsers: storedUsers.filter((u) => u.active).length, counts };
}

async function planGroups(
  db: Sql, directory: ProvisioningDirectory, snapshot: DirectorySnapshot, storedUserIds: Map<string, string>, counts: ReconciliationCounts,
): Promise<GroupChange[]> {
  const storedGroups = await db.query<StoredGroup>(
    `SELECT "id", "displayName"::text AS "displayName", "externalId", "attributes" FROM "DirectoryGroup" WHERE "organizationId" = $1 AND "directoryId" = $2`,
    [directory.organizationId, directory.id],
  );
  const memberRows = await db.query<{ groupId: string; userId: string }>(`SELECT "groupId", "userId" FROM "GroupMember" WHERE "organizationId" = $1 AND "directoryId" = $2`, [directory.organizationId, directory.id]);
  const membersOf = new Map<string, Set<string>>();
  for (const m of memberRows) {
    let set = membersOf.get(m.groupId);
    if (!set) membersOf.set(m.groupId, (set = new Set()));
    set.add(m.userId);
  }
  const byExternalId = new Map(storedGroups.flatMap((g) => (g.externalId ? [[g.externalId, g] as const] : [])));
  const byName = new Map(storedGroups.map((g) => [g.displayName.toLowerCase(), g]));
  const knownRefs = new Set(snapshot.users.map(snapshotUserRef));

  const changes: GroupChange[] = [];
  const matched = new Set<string>();
  const seenNames = new Set<string>();
  for (const sg of snapshot.groups) {
    const nameKey = sg.displayName.toLowerCase();
    if (seenNames.has(nameKey)) throw new SnapshotError(`The source lists the group "${sg.displayName}" twice`);
    seenNames.add(nameKey);
    const refs = [...new Set(sg.members)].filter((r) => knownRefs.has(r));
    let stored = sg.externalId ? byExternalId.get(sg.externalId) : undefined;
    stored ??= byName.get(nameKey);
    if (stored && matched.has(stored.id)) stored = undefined;
    const attributes = toGroupAttributes(sg);
    if (!stored) {
      changes.push({ kind: "create", name: sg.displayName, attributes, memberRefs: refs });
      counts.groupsCreated++;
      counts.membersAdded += refs.length;
      continue;
    }
    matched.add(stored.id);
    if (!sameJson(attributes, stored.attributes)) {
      changes.push({ kind: "update", groupId: stored.id, name: sg.displayName, attributes });
      counts.groupsUpdated++;
    }
    const current = membersOf.get(stored.id) ?? new Set<string>();
    const wanted = new Set<string>();
    const addRefs: string[] = [];
    for (const ref of refs) {
      const userId = storedUserIds.get(ref);
      if (userId) wanted.add(userId);
      if (!userId || !current.has(userId)) addRefs.push(ref);
    }
    const removeUserIds = [...current].filter((id) => !wanted.has(id));
    if (addRefs.length + removeUserIds.length > 0) {
      changes.push({ kind: "members", groupId: stored.id, name: sg.displayName, addRefs, removeUserIds });
      counts.membersAdded += addRefs.length;
      counts.membersRemoved += removeUserIds.length;
    }
  }
  for (const stored of storedGroups) {
    if (matched.has(stored.id)) continue;
    changes.push({ kind: "delete", groupId: stored.id, name: stored.displayName });
    counts.groupsDeleted++;
  }
  return changes;
}

function emailOf(attributes: Record<string, unknown>): string | undefined {
  const emails = Array.isArray(attributes.emails) ? (attributes.emails as Array<{ value?: unknown }>) : [];
  const value = emails[0]?.value;
  return typeof value === "string" ? value : undefined;
}
