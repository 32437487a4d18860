import { apiJson, apiNoContent } from "@/lib/http/api-response";
import { withConsoleSession } from "@/lib/http/with-console-session";
import { deleteOrganization } from "@/lib/organizations/delete-organization";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";

type Params = { organizationId: string };

// GET /api/admin/organizations/{id}
export const GET = withConsoleSession<Params>(async ({ params }) => apiJson(await getOrganizationOrThrow({ organizationId: params.organizationId })));

// DELETE /api/admin/organizations/{id}: admin only; support staff get 403 and nothing is deleted.
export const DELETE = withConsoleSession<Params>(
  async ({ params, staff }) => {
    const organization = await getOrganizationOrThrow({ organizationId: params.organizationId });
    await deleteOrganization({ organizationId: organization.id, deletedBy: `staff:${staff.email}` });
    await recordStaffAudit({ staff, action: "organization.deleted", organization, target: { type: "organization", id: organization.id }, detail: { name: organization.name, slug: organization.slug, via: "api" } });
    return apiNoContent();
  },
  { adminOnly: true },
);
