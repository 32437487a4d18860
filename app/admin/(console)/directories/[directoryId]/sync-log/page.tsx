import type { Metadata } from "next";
import { SyncLogView } from "@/components/sync-log/sync-log-view";
import { orNotFound } from "@/components/admin/or-not-found";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Directory sync log" };
export const dynamic = "force-dynamic";

export default async function DirectorySyncLogPage({ params }: { params: Promise<{ directoryId: string }> }) {
  await requireStaff();
  const { directoryId } = await params;
  const directory = await orNotFound(getDirectoryOrThrow({ directoryId }));
  return (
    <SyncLogView
      listUrl={`/api/admin/sync-log?directory=${encodeURIComponent(directory.id)}`}
      showTimeAndText
      emptyText="No SCIM requests yet. When the identity provider sends its first request, it appears here within 2 seconds."
    />
  );
}
