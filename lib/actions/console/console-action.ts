import { DomainError } from "@/lib/domain-error";
import { currentStaff } from "@/lib/staff/current-staff";
import { actionClient } from "../action-client";

/**
 * The console's server-action client: every action built on it runs only for a live staff session (the
 * StaffSession row is checked, not just the JWT) and finds the staff member in `ctx.staff`.
 */
export const consoleAction = actionClient.use(async ({ next }) => {
  const staff = await currentStaff();
  if (!staff) throw new DomainError("FORBIDDEN", "Your staff session has ended. Sign in again, then retry.");
  return next({ ctx: { staff } });
});

/**
 * For what only an admin may do: deleting anything, editing organisations and directories, revoking tokens
 * and links, redelivering webhooks. Support staff can read everything, rotate tokens and issue setup links.
 */
export const adminConsoleAction = consoleAction.use(async ({ next, ctx }) => {
  if (ctx.staff.role !== "admin") throw new DomainError("FORBIDDEN", "Only an admin can do this; your role is support.");
  return next({ ctx });
});
