import type { Metadata } from "next";
import Link from "next/link";
import { OrganizationForm } from "@/components/admin/organization-form";
import { PageHeader } from "@/components/admin/page-header";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "New organisation" };
export const dynamic = "force-dynamic";

export default async function NewOrganizationPage() {
  await requireStaff({ role: "admin" });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader eyebrow={<Link href="/admin/organizations" className="hover:underline">Organisations</Link>} title="New organisation" />
      <OrganizationForm />
    </div>
  );
}
