import { createStaffUser, STAFF_ROLES, type StaffRole } from "@/lib/staff/create-staff-user";
import { disableStaffUser } from "@/lib/staff/disable-staff-user";
import { listStaffUsers } from "@/lib/staff/list-staff-users";
import { assertStaffPasswordAcceptable } from "@/lib/staff/staff-password";
import { defineCommand, optionalString, requireString } from "../command";
import { table, UsageError, type CommandResult } from "../output";
import { promptHidden, readStdin } from "../read-secret";

export const staffCreate = defineCommand({
  name: "staff create",
  usage: "staff create --email <email> --role admin|support [--name <name>] [--password-stdin]",
  options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, "password-stdin": { type: "boolean" } },
  async run(values): Promise<CommandResult> {
    const email = requireString(values, "email");
    const role = requireString(values, "role");
    if (!(STAFF_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be admin or support (got "${role}")`);
    const password = await readPassword(values["password-stdin"] === true);
    const staff = await createStaffUser({ email, role: role as StaffRole, name: optionalString(values, "name"), password });
    return {
      json: { id: staff.id, email: staff.email, name: staff.name, role: staff.role },
      text: `Created ${staff.role} ${staff.email} (${staff.id}). They can sign in at /admin/sign-in.`,
    };
  },
});

export const staffList = defineCommand({
  name: "staff list",
  usage: "staff list",
  options: {},
  async run(): Promise<CommandResult> {
    const rows = (await listStaffUsers()).map((s) => ({
      id: s.id,
      email: s.email,
      name: s.name,
      role: s.role,
      createdAt: s.createdAt.toISOString(),
      lastSignInAt: s.lastSignInAt?.toISOString() ?? null,
      disabledAt: s.disabledAt?.toISOString() ?? null,
    }));
    return {
      json: { staff: rows },
      text: table(["EMAIL", "ROLE", "NAME", "LAST SIGN-IN", "STATUS"], rows.map((s) => [s.email, s.role, s.name ?? "", s.lastSignInAt ?? "never", s.disabledAt ? `disabled ${s.disabledAt}` : "active"])),
    };
  },
});

export const staffDisable = defineCommand({
  name: "staff disable",
  usage: "staff disable --email <email>",
  options: { email: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const { staffUser, sessionsEnded } = await disableStaffUser({ email: requireString(values, "email") });
    return {
      json: { id: staffUser.id, email: staffUser.email, disabledAt: staffUser.disabledAt?.toISOString() ?? null, sessionsEnded },
      text: `Disabled ${staffUser.email}; ${sessionsEnded} open console session${sessionsEnded === 1 ? "" : "s"} ended.`,
    };
  },
});

/**
 * `--password-stdin` reads one line from standard input (for scripts: `printf '%s' "$PW" | dsync staff create …`);
 * otherwise the password is asked for twice on the terminal, without echo. It never appears in argv, where
 * `ps` and the shell history would show it.
 */
async function readPassword(fromStdin: boolean): Promise<string> {
  let password: string;
  if (fromStdin) {
    password = (await readStdin()).replace(/\r?\n$/, "");
  } else {
    if (!process.stdin.isTTY) throw new UsageError("no terminal to ask for the password on: pass --password-stdin and pipe the password in");
    password = await promptHidden("Password: ");
    const again = await promptHidden("Repeat the password: ");
    if (again !== password) throw new UsageError("the two passwords differ; nothing was created");
  }
  try {
    assertStaffPasswordAcceptable(password);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  return password;
}
