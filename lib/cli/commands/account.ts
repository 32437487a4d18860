import { createAccount } from "@/lib/accounts/create-account";
import { getOrganizationBySlugOrThrow } from "@/lib/organizations/get-organization-by-slug-or-throw";
import { defineCommand, optionalString, requireString } from "../command";
import type { CommandResult } from "../output";

export const accountCreate = defineCommand({
  name: "account create",
  usage: "account create --org <slug> --email <email> [--name <name>]",
  options: { org: { type: "string" }, email: { type: "string" }, name: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const email = requireString(values, "email");
    const organization = await getOrganizationBySlugOrThrow(requireString(values, "org"));
    const account = await createAccount({ organizationId: organization.id, email, name: optionalString(values, "name") });
    return {
      json: { id: account.id, orgId: account.organizationId, email: account.email, name: account.name, status: account.status, source: account.source },
      text: `Created account ${account.email} (${account.id}) in ${organization.slug}`,
    };
  },
});
