import ms from "ms";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { setupLinkStatus } from "./list-setup-links";
import { generateSetupLinkToken } from "./setup-link-token";
import { setupLinkUrl } from "./setup-link-url";

const MAX_LIFETIME_MS = ms("30d");

export const setupIntentSchema = z.enum(["sso", "dsync", "all"], { error: "must be sso, dsync or all" });

function toLifetimeMs(value: string | number, ctx: z.RefinementCtx): number {
  const parsed = typeof value === "number" ? value : ms(value.trim() as ms.StringValue);
  if (typeof parsed !== "number" || !Number.isFinite(parsed) || parsed <= 0) {
    ctx.addIssue({ code: "custom", message: `must be a duration such as 7d, 48h or 30m (got "${value}")` });
    return z.NEVER;
  }
  if (parsed > MAX_LIFETIME_MS) {
    ctx.addIssue({ code: "custom", message: "must be at most 30d: a setup link is a credential" });
    return z.NEVER;
  }
  return parsed;
}

/** "7d", "48h", "30m": how long the link works. A link is a credential, so it cannot outlive 30 days. */
export const setupLinkLifetimeSchema = z.string().transform(toLifetimeMs);

export const createSetupLinkInputSchema = z.object({
  organizationId: z.string().min(1),
  intent: setupIntentSchema.default("all"),
  /** A duration ("7d"), or milliseconds already parsed by a boundary's own schema. */
  expiresIn: z.union([z.string(), z.number()]).transform(toLifetimeMs).default(ms("7d")),
  /** Who issued it, for the console's list and the audit trail: "cli", "api:<key prefix>", "staff:<email>". */
  createdBy: z.string().min(1).max(320),
  /**
   * The console role of the staff member issuing it; left out for the CLI and the API. A link issued by support
   * can do no more through the portal than support can in the console (issue 12, item 4).
   */
  issuerRole: z.enum(["admin", "support"]).optional(),
});

/** Issues a setup link. Its URL is returned once; only the token's hash is kept. */
export async function createSetupLink(input: z.input<typeof createSetupLinkInputSchema>) {
  const data = parseInput(createSetupLinkInputSchema, input);
  const organization = await db.organization.findUnique({ where: { id: data.organizationId } });
  if (!organization) throw new DomainError("NOT_FOUND", "Organization not found", "organizationId");
  const { token, hash, prefix } = generateSetupLinkToken();
  const setupLink = await db.setupLink.create({
    data: {
      id: newId("lnk"),
      organizationId: organization.id,
      tokenHash: hash,
      prefix,
      intent: data.intent,
      createdBy: data.createdBy,
      issuerRole: data.issuerRole ?? null,
      expiresAt: new Date(Date.now() + data.expiresIn),
    },
  });
  return { setupLink: { ...setupLink, status: setupLinkStatus(setupLink) }, organization, token, url: setupLinkUrl(token) };
}
