import { createApiKey } from "@/lib/auth/create-api-key";
import { listApiKeys } from "@/lib/auth/list-api-keys";
import { revokeApiKey } from "@/lib/auth/revoke-api-key";
import { getOrganizationBySlugOrThrow } from "@/lib/organizations/get-organization-by-slug-or-throw";
import { defineCommand, optionalString, requireString } from "../command";
import { table, type CommandResult } from "../output";

export const keyCreate = defineCommand({
  name: "key create",
  usage: "key create [--org <slug>] [--name <name>]",
  options: { org: { type: "string" }, name: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const slug = optionalString(values, "org");
    const organization = slug ? await getOrganizationBySlugOrThrow(slug) : undefined;
    const { apiKey, key } = await createApiKey({ organizationId: organization?.id ?? null, name: optionalString(values, "name") });
    return {
      json: { id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, orgId: apiKey.organizationId, org: organization?.slug ?? null, key },
      text: [
        `Created ${organization ? `an API key for ${organization.slug}` : "a global API key"}: ${apiKey.name} (${apiKey.id})`,
        `API key: ${key}`,
        "Store the key now: it is shown only once. Send it as Authorization: Bearer <key>.",
      ].join("\n"),
    };
  },
});

export const keyList = defineCommand({
  name: "key list",
  usage: "key list [--org <slug>]",
  options: { org: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const slug = optionalString(values, "org");
    const organization = slug ? await getOrganizationBySlugOrThrow(slug) : undefined;
    const keys = await listApiKeys({ organizationId: organization?.id });
    const rows = keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      orgId: k.organizationId,
      org: k.organization?.slug ?? null,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
    return {
      json: { keys: rows },
      text: table(
        ["PREFIX", "NAME", "ORG", "CREATED", "LAST USED", "STATUS"],
        rows.map((k) => [k.prefix, k.name, k.org ?? "(global)", k.createdAt, k.lastUsedAt ?? "never", k.revokedAt ? `revoked ${k.revokedAt}` : "active"]),
      ),
    };
  },
});

export const keyRevoke = defineCommand({
  name: "key revoke",
  usage: "key revoke --prefix <key prefix>",
  options: { prefix: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const { apiKey } = await revokeApiKey({ prefix: requireString(values, "prefix") });
    return { json: { id: apiKey.id, prefix: apiKey.prefix, revoked: 1 }, text: `Revoked API key ${apiKey.prefix}… (${apiKey.name}, ${apiKey.id})` };
  },
});
