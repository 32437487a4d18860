import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/staff/require-staff";

export const dynamic = "force-dynamic";

export default async function ConsoleHome() {
  await requireStaff();
  redirect("/admin/organizations");
}
