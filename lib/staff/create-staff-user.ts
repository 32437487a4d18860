import { z } from "zod";
import { db } from "@/lib/db/client";
import { DomainError, isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { hashStaffPassword } from "./staff-password";

export const STAFF_ROLES = ["admin", "support"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const createStaffUserInputSchema = z.object({
  email: z.email({ error: "must be an email address, like jo@example.com" }).trim().max(320, "must be at most 320 characters"),
  role: z.enum(STAFF_ROLES, { error: "must be admin or support" }),
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
  /** Omitted for staff who sign in only through the staff OIDC provider. */
  password: z.string().optional(),
});

/** Adds a member of staff. The password is stored as an argon2id hash only. */
export async function createStaffUser(input: z.input<typeof createStaffUserInputSchema>) {
  const { email, role, name, password } = parseInput(createStaffUserInputSchema, input);
  const passwordHash = password === undefined ? null : await hashStaffPassword(password);
  try {
    return await db.staffUser.create({
      data: { id: newId("stf"), email, role, name: name ?? null, passwordHash },
      select: { id: true, email: true, name: true, role: true, createdAt: true },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", `A staff user with email ${email} already exists`, "email");
    throw err;
  }
}
