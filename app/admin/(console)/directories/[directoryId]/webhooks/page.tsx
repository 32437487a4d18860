import type { Metadata } from "next";
import { orNotFound } from "@/components/admin/or-not-found";
import { WebhookDeliveriesPanel } from "@/components/admin/webhook-deliveries-panel";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Webhook deliveries" };
export const dynamic = "force-dynamic";

export default async function DirectoryWebhooksPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const staff = await requireStaff();
  const { directoryId } = await params;
  const directory = await orNotFound(getDirectoryOrThrow({ directoryId }));
  return (
    <section aria-labelledby="webhooks-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="webhooks-heading" className="text-lg font-semibold text-zinc-900">Webhook deliveries</h2>
        <p className="text-sm text-zinc-600">Every delivery of this organisation&rsquo;s events, newest first. The list refreshes by itself.</p>
      </div>
      <WebhookDeliveriesPanel organizationId={directory.organizationId} canRedeliver={staff.role === "admin"} />
    </section>
  );
}
