import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/staff/require-staff";

export default async function DirectoryHome({ params }: { params: Promise<{ directoryId: string }> }) {
  await requireStaff();
  const { directoryId } = await params;
  redirect(`/admin/directories/${encodeURIComponent(directoryId)}/users`);
}
