import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/components/admin/or-not-found";
import { OrganizationForm } from "@/components/admin/organization-form";
import { PageHeader } from "@/components/admin/page-header";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Edit organisation" };
export const dynamic = "force-dynamic";

export default async function EditOrganizationPage({ params }: { params: Promise<{ organizationId: string }> }) {
  await requireStaff({ role: "admin" });
  const { organizationId } = await params;
  const organization = await orNotFound(getOrganizationOrThrow({ organizationId }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader eyebrow={<Link href={`/admin/organizations/${organization.id}`} className="hover:underline">{organization.name}</Link>} title="Edit organisation" />
      <OrganizationForm organization={{ id: organization.id, name: organization.name, slug: organization.slug, domains: organization.domains }} />
    </div>
  );
}
