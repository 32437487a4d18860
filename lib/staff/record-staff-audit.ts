import type { Prisma } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";

export type StaffAuditInput = {
  staff: { staffUserId: string; email: string; clientIp: string | null };
  /** What was done, as `<noun>.<verb>`: organization.created, scim_token.rotated, setup_link.created… */
  action: string;
  organization?: { id: string; slug: string } | null;
  target?: { type: string; id: string } | null;
  /** What changed, in the staff member's terms; never a secret (a token is named by its prefix only). */
  detail?: Prisma.InputJsonValue;
};

/** One line of the staff audit trail: who did what, to which organisation, when. Kept without foreign keys so it outlives what it names. */
export async function recordStaffAudit({ staff, action, organization, target, detail }: StaffAuditInput) {
  return db.staffAuditEntry.create({
    data: {
      id: newId("aud"),
      staffUserId: staff.staffUserId,
      staffEmail: staff.email,
      action,
      organizationId: organization?.id ?? null,
      organizationSlug: organization?.slug ?? null,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      detail: detail ?? undefined,
      clientIp: staff.clientIp,
    },
  });
}
