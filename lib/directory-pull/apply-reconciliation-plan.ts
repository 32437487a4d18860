import { createGroup } from "@/lib/directory/create-group";
import { createUser } from "@/lib/directory/create-user";
import { deleteGroup } from "@/lib/directory/delete-group";
import { patchGroup } from "@/lib/directory/patch-group";
import { replaceGroup } from "@/lib/directory/replace-group";
import { replaceUser } from "@/lib/directory/replace-user";
import type { ProvisioningDirectory } from "@/lib/directory/types";
import type { GroupChange, ReconciliationPlan, UserChange } from "./plan-reconciliation";
import { pullLog, type PullSource } from "./pull-log";

export type ChangeFailure = { subject: string; message: string };

/**
 * Carries out a plan through the same lib/directory functions as SCIM: each change is its own transaction with
 * its events, account effects (linking, creation per sync mode, sessions revoked on deactivation) and one
 * sync-log entry. Users are created and updated first so that groups can name them, and deactivations come
 * last. A change that fails (a userName another user holds) is reported and the rest still apply.
 */
export async function applyReconciliationPlan(
  { directory, source, syncId, plan }: { directory: ProvisioningDirectory; source: PullSource; syncId: string; plan: ReconciliationPlan },
): Promise<ChangeFailure[]> {
  const failures: ChangeFailure[] = [];
  const userIds = new Map(plan.storedUserIds);
  const attempt = async (subject: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      failures.push({ subject, message: err instanceof Error ? err.message : String(err) });
    }
  };

  const deactivations = plan.users.filter((c) => c.kind === "deactivate");
  for (const change of plan.users.filter((c) => c.kind !== "deactivate")) {
    await attempt(change.subject, () => applyUserChange(directory, source, syncId, change, userIds));
  }
  for (const change of plan.groups) {
    await attempt(change.name, () => applyGroupChange(directory, source, syncId, change, userIds));
  }
  for (const change of deactivations) {
    await attempt(change.subject, () => applyUserChange(directory, source, syncId, change, userIds));
  }
  return failures;
}

async function applyUserChange(directory: ProvisioningDirectory, source: PullSource, syncId: string, change: UserChange, userIds: Map<string, string>) {
  const log = pullLog(directory, source, syncId);
  const body = { attributes: change.attributes, hasPassword: false };
  if (change.kind === "create") {
    const user = await createUser({ directory, body, log });
    userIds.set(change.ref, user.id);
  } else {
    await replaceUser({ directory, userId: change.userId, body, log });
  }
}

async function applyGroupChange(directory: ProvisioningDirectory, source: PullSource, syncId: string, change: GroupChange, userIds: Map<string, string>) {
  const log = pullLog(directory, source, syncId);
  const idsOf = (refs: string[]) => refs.flatMap((ref) => {
    const id = userIds.get(ref);
    return id ? [{ value: id }] : [];
  });
  switch (change.kind) {
    case "create":
      await createGroup({ directory, body: { attributes: change.attributes, members: idsOf(change.memberRefs) }, log });
      return;
    case "update":
      await replaceGroup({ directory, groupId: change.groupId, body: { attributes: change.attributes, members: undefined }, log });
      return;
    case "members": {
      const add = idsOf(change.addRefs);
      const operations = [
        ...(add.length > 0 ? [{ op: "add" as const, path: "members", value: add }] : []),
        ...(change.removeUserIds.length > 0 ? [{ op: "remove" as const, path: "members", value: change.removeUserIds.map((value) => ({ value })) }] : []),
      ];
      if (operations.length > 0) await patchGroup({ directory, groupId: change.groupId, operations, successStatus: 200, log });
      return;
    }
    case "delete":
      await deleteGroup({ directory, groupId: change.groupId, log });
  }
}
