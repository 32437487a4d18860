import { z } from "zod";
import { db } from "@/lib/db/client";
import { DomainError, isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";

export const createAccountInputSchema = z.object({
  organizationId: z.string().min(1),
  email: z.string().trim().max(320, "must be at most 320 characters").pipe(z.email({ error: "must be an email address" })),
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
});

/**
 * Creates an account by hand (source `manual`), for the host product's own sign-ups and for tests. Email is
 * unique per organisation regardless of case (citext): a second account for the same person is a conflict,
 * because directory sync links accounts by email and must never have two to choose from.
 */
export async function createAccount(input: z.input<typeof createAccountInputSchema>) {
  const data = parseInput(createAccountInputSchema, input);
  const organization = await db.organization.findUnique({ where: { id: data.organizationId }, select: { id: true } });
  if (!organization) throw new DomainError("NOT_FOUND", "Organization not found", "organizationId");
  try {
    return await db.account.create({
      data: { id: newId("acc"), organizationId: organization.id, email: data.email, name: data.name ?? null, source: "manual" },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", `An account with email ${data.email} already exists in this organization`, "email");
    throw err;
  }
}
