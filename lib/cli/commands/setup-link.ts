import { createSetupLink } from "@/lib/auth/create-setup-link";
import { listSetupLinks } from "@/lib/auth/list-setup-links";
import { revokeSetupLink } from "@/lib/auth/revoke-setup-link";
import { getOrganizationBySlugOrThrow } from "@/lib/organizations/get-organization-by-slug-or-throw";
import { defineCommand, optionalString, requireString } from "../command";
import { table, type CommandResult } from "../output";

const INTENT_WORDS = { sso: "single sign-on", dsync: "directory sync", all: "single sign-on and directory sync" } as const;

export const setupLinkCreate = defineCommand({
  name: "setup-link create",
  usage: "setup-link create --org <slug> [--expires <duration, default 7d, at most 30d>] [--intent sso|dsync|all]",
  options: { org: { type: "string" }, expires: { type: "string" }, intent: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const organization = await getOrganizationBySlugOrThrow(requireString(values, "org"));
    const { setupLink, url, token } = await createSetupLink({
      organizationId: organization.id,
      expiresIn: optionalString(values, "expires"),
      intent: optionalString(values, "intent") as "sso" | "dsync" | "all" | undefined,
      createdBy: "cli",
    });
    return {
      json: { id: setupLink.id, org: organization.slug, orgId: organization.id, intent: setupLink.intent, prefix: setupLink.prefix, expiresAt: setupLink.expiresAt.toISOString(), url, token },
      text: [
        `Setup link for ${organization.name} (${INTENT_WORDS[setupLink.intent]}), valid until ${setupLink.expiresAt.toISOString()}:`,
        url,
        "Send it to the customer's IT admin. It is shown only once; revoke it with setup-link revoke.",
      ].join("\n"),
    };
  },
});

export const setupLinkList = defineCommand({
  name: "setup-link list",
  usage: "setup-link list --org <slug>",
  options: { org: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const organization = await getOrganizationBySlugOrThrow(requireString(values, "org"));
    const links = await listSetupLinks({ organizationId: organization.id });
    const rows = links.map((l) => ({
      id: l.id, prefix: l.prefix, intent: l.intent, status: l.status, createdBy: l.createdBy, createdAt: l.createdAt.toISOString(),
      expiresAt: l.expiresAt.toISOString(), lastUsedAt: l.lastUsedAt?.toISOString() ?? null, revokedAt: l.revokedAt?.toISOString() ?? null,
    }));
    return {
      json: { links: rows },
      text: table(["ID", "PREFIX", "INTENT", "STATUS", "EXPIRES", "LAST USED", "BY"], rows.map((l) => [l.id, l.prefix, l.intent, l.status, l.expiresAt, l.lastUsedAt ?? "never", l.createdBy])),
    };
  },
});

export const setupLinkRevoke = defineCommand({
  name: "setup-link revoke",
  usage: "setup-link revoke --org <slug> --id <setup link id>",
  options: { org: { type: "string" }, id: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const organization = await getOrganizationBySlugOrThrow(requireString(values, "org"));
    const { setupLink } = await revokeSetupLink({ organizationId: organization.id, setupLinkId: requireString(values, "id") });
    return { json: { id: setupLink.id, status: setupLink.status }, text: `Revoked setup link ${setupLink.prefix}… (${setupLink.id}) of ${organization.slug}` };
  },
});
