import { redirect } from "next/navigation";
import { currentStaff, type StaffContext } from "./current-staff";
import { STAFF_SIGN_IN_PATH } from "./staff-auth-options";

/**
 * For console pages: the signed-in member of staff, or a redirect to the sign-in page that comes back to
 * `returnTo` afterwards. A support user on an admin-only page gets the same redirect's sibling: the console home.
 */
export async function requireStaff({ returnTo, role }: { returnTo?: string; role?: "admin" } = {}): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) redirect(returnTo ? `${STAFF_SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(returnTo)}` : STAFF_SIGN_IN_PATH);
  if (role === "admin" && staff.role !== "admin") redirect("/admin");
  return staff;
}
