import { createDirectory, DIRECTORY_PROVIDERS } from "@/lib/directory/create-directory";
import { listDirectories } from "@/lib/directory/list-directories";
import { scimBaseUrl } from "@/lib/directory/scim-base-url";
import { getOrganizationBySlugOrThrow } from "@/lib/organizations/get-organization-by-slug-or-throw";
import { defineCommand, optionalString, requireString } from "../command";
import { table, UsageError, type CommandResult } from "../output";

const MODES = { full: "FULL", "deprovision-only": "DEPROVISION_ONLY" } as const;

export const directoryCreate = defineCommand({
  name: "directory create",
  usage: `directory create --org <slug> --provider <${DIRECTORY_PROVIDERS.join("|")}> --mode <full|deprovision-only> [--name <name>]`,
  options: { org: { type: "string" }, provider: { type: "string" }, mode: { type: "string" }, name: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const provider = requireString(values, "provider").toLowerCase();
    if (!(DIRECTORY_PROVIDERS as readonly string[]).includes(provider)) {
      throw new UsageError(`--provider must be one of ${DIRECTORY_PROVIDERS.join(", ")} (got "${provider}")`);
    }
    const mode = requireString(values, "mode").toLowerCase();
    if (!(mode in MODES)) throw new UsageError(`--mode must be full or deprovision-only (got "${mode}")`);
    const organization = await getOrganizationBySlugOrThrow(requireString(values, "org"));
    const { directory, token } = await createDirectory({
      organizationId: organization.id,
      provider: provider as (typeof DIRECTORY_PROVIDERS)[number],
      syncMode: MODES[mode as keyof typeof MODES],
      name: optionalString(values, "name"),
    });
    const url = scimBaseUrl(directory.id);
    return {
      json: { id: directory.id, orgId: organization.id, name: directory.name, provider: directory.provider, syncMode: directory.syncMode, scimBaseUrl: url, token },
      text: [
        `Created directory ${directory.name} (${directory.id}) for ${organization.slug}`,
        `SCIM base URL: ${url}`,
        `Bearer token:  ${token}`,
        "Store the token now: it is shown only once.",
      ].join("\n"),
    };
  },
});

export const directoryList = defineCommand({
  name: "directory list",
  usage: "directory list [--org <slug>]",
  options: { org: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const slug = optionalString(values, "org");
    const organization = slug ? await getOrganizationBySlugOrThrow(slug) : undefined;
    const directories = await listDirectories({ organizationId: organization?.id });
    const rows = directories.map((d) => ({
      id: d.id,
      orgId: d.organizationId,
      org: d.organization.slug,
      name: d.name,
      provider: d.provider,
      syncMode: d.syncMode,
      status: d.status,
      scimBaseUrl: scimBaseUrl(d.id),
    }));
    return {
      json: { directories: rows },
      text: table(["ID", "ORG", "NAME", "PROVIDER", "MODE", "STATUS"], rows.map((d) => [d.id, d.org, d.name, d.provider, d.syncMode, d.status])),
    };
  },
});
