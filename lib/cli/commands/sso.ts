import { readFile } from "node:fs/promises";
import { DIRECTORY_PROVIDERS } from "@/lib/directory/create-directory";
import type { DirectoryProvider } from "@/lib/db/generated/client";
import { DomainError } from "@/lib/domain-error";
import { getOrganizationBySlugOrThrow } from "@/lib/organizations/get-organization-by-slug-or-throw";
import { configureSsoConnection, type ConfigureSsoConnectionInput } from "@/lib/sso/configure-sso-connection";
import { deleteSsoConnection } from "@/lib/sso/delete-sso-connection";
import { getSsoConnection } from "@/lib/sso/get-sso-connection";
import { ssoProviderName } from "@/lib/sso/provider-names";
import { serviceProviderDetails } from "@/lib/sso/service-provider";
import type { SsoConnectionView } from "@/lib/sso/to-sso-connection-view";
import { defineCommand, optionalString, requireString, type OptionValues } from "../command";
import { UsageError, type CommandResult } from "../output";
import { promptHidden, readStdin } from "../read-secret";

/** The option that carries each field the portal's checks name, so that a refusal points at what to change. */
const FLAG_OF_FIELD: Record<string, string> = {
  metadataXml: "--metadata-file",
  metadataUrl: "--metadata-url",
  allowIdpInitiated: "--allow-idp-initiated",
  issuer: "--issuer",
  clientId: "--client-id",
  clientSecret: "--client-secret-stdin",
  provider: "--provider",
};

type Organization = { id: string; slug: string; name: string };

export const ssoShow = defineCommand({
  name: "sso show",
  usage: "sso show --org <slug>",
  options: { org: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const organization = await getOrganizationBySlugOrThrow(requireString(values, "org"));
    return describe(organization, await getSsoConnection({ organizationId: organization.id }));
  },
});

export const ssoSet = defineCommand({
  name: "sso set",
  usage: `sso set --org <slug> [--provider ${DIRECTORY_PROVIDERS.join("|")}] SAML: (--metadata-url <url> | --metadata-file <path or ->) [--allow-idp-initiated | --no-allow-idp-initiated] OIDC: --issuer <url> --client-id <id> [--client-secret-stdin]`,
  options: {
    org: { type: "string" },
    provider: { type: "string" },
    "metadata-url": { type: "string" },
    "metadata-file": { type: "string" },
    "allow-idp-initiated": { type: "boolean" },
    "no-allow-idp-initiated": { type: "boolean" },
    issuer: { type: "string" },
    "client-id": { type: "string" },
    "client-secret-stdin": { type: "boolean" },
  },
  async run(values): Promise<CommandResult> {
    const organization = await getOrganizationBySlugOrThrow(requireString(values, "org"));
    const input = await readConnectionInput(organization.id, values);
    let view: SsoConnectionView;
    try {
      view = await configureSsoConnection(input);
    } catch (err) {
      throw err instanceof DomainError && err.field && FLAG_OF_FIELD[err.field] ? new DomainError(err.code, `${err.message} (${FLAG_OF_FIELD[err.field]})`, err.field) : err;
    }
    const shown = describe(organization, view);
    return { json: shown.json, text: `Saved the ${view.protocol === "saml" ? "SAML" : "OpenID Connect"} connection of ${organization.slug}.\n${shown.text}` };
  },
});

export const ssoRemove = defineCommand({
  name: "sso remove",
  usage: "sso remove --org <slug>",
  options: { org: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const organization = await getOrganizationBySlugOrThrow(requireString(values, "org"));
    await deleteSsoConnection({ organizationId: organization.id });
    return {
      json: { org: organization.slug, orgId: organization.id, removed: true },
      text: `Removed the SSO connection of ${organization.name} (${organization.slug}); sign-in through it has stopped.`,
    };
  },
});

/** The options as the portal's save functions take them; which protocol follows from the options given. */
async function readConnectionInput(organizationId: string, values: OptionValues): Promise<ConfigureSsoConnectionInput> {
  // An unknown provider is refused by the portal's own check, like every other field.
  const common = { organizationId, provider: optionalString(values, "provider") as DirectoryProvider | undefined };
  const saml = ["metadata-url", "metadata-file", "allow-idp-initiated", "no-allow-idp-initiated"].filter((name) => values[name] !== undefined);
  const oidc = ["issuer", "client-id", "client-secret-stdin"].filter((name) => values[name] !== undefined);
  if (saml.length > 0 && oidc.length > 0) {
    throw new UsageError(`--${saml[0]} is for SAML and --${oidc[0]} for OpenID Connect: give the options of one protocol`);
  }
  if (saml.length > 0) {
    if (values["allow-idp-initiated"] && values["no-allow-idp-initiated"]) throw new UsageError("give --allow-idp-initiated or --no-allow-idp-initiated, not both");
    const file = values["metadata-file"];
    const url = values["metadata-url"];
    if (file === undefined && url === undefined) throw new UsageError("--metadata-url or --metadata-file is required with SAML");
    return {
      ...common,
      protocol: "saml",
      metadataXml: typeof file === "string" ? await readMetadataFile(file) : undefined,
      metadataUrl: typeof url === "string" ? url : undefined,
      allowIdpInitiated: values["allow-idp-initiated"] ? true : values["no-allow-idp-initiated"] ? false : undefined,
    };
  }
  if (oidc.length > 0) {
    return {
      ...common,
      protocol: "oidc",
      issuer: typeof values.issuer === "string" ? values.issuer : "",
      clientId: typeof values["client-id"] === "string" ? values["client-id"] : "",
      clientSecret: await readClientSecret(values["client-secret-stdin"] === true),
    };
  }
  throw new UsageError("give --metadata-url or --metadata-file for SAML, or --issuer and --client-id for OpenID Connect");
}

async function readMetadataFile(file: string): Promise<string> {
  if (file === "-") return readStdin();
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read --metadata-file ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (err as Error).message}`);
  }
}

/**
 * Like `staff create --password-stdin`: the secret never appears in argv, where `ps` and the shell history
 * would show it. On a terminal it is asked for without echo; empty (or no terminal and no --client-secret-stdin)
 * keeps the stored secret, which the portal's rules allow only for the same client ID.
 */
async function readClientSecret(fromStdin: boolean): Promise<string | undefined> {
  if (fromStdin) return (await readStdin()).replace(/\r?\n$/, "");
  if (!process.stdin.isTTY) return undefined;
  const secret = await promptHidden("Client secret (empty keeps the stored one): ");
  return secret === "" ? undefined : secret;
}

function describe(organization: Organization, view: SsoConnectionView | null): CommandResult {
  const sp = serviceProviderDetails(organization.id);
  const ours = [
    "Our side (enter it at the identity provider):",
    `  Entity ID:      ${sp.entityId}`,
    `  ACS URL:        ${sp.acsUrl}`,
    `  Metadata URL:   ${sp.metadataUrl}`,
    `  Redirect URI:   ${sp.redirectUri}`,
  ];
  return {
    // Dates print as ISO 8601; the view has no secret in it, only whether one is stored.
    json: { org: organization.slug, orgId: organization.id, serviceProvider: sp, connection: view },
    text: [...connectionLines(organization, view), ...ours].join("\n"),
  };
}

function connectionLines(organization: Organization, view: SsoConnectionView | null): string[] {
  const title = `${organization.name} (${organization.slug})`;
  if (!view) return [`No SSO connection for ${title} yet.`];
  if (view.protocol === "saml") {
    return [
      `SAML connection ${view.id} for ${title}, with ${ssoProviderName(view.provider)}:`,
      `  IdP entity ID:  ${view.idpEntityId}`,
      `  IdP SSO URL:    ${view.idpSsoUrl} (HTTP-${view.idpSsoBinding === "post" ? "POST" : "Redirect"})`,
      `  Metadata:       ${view.metadataUrl ?? "given as XML"}`,
      `  IdP-initiated:  ${view.allowIdpInitiated ? "allowed (restarts a sign-in at the host product)" : "refused"}`,
      ...view.certificates.map((c, i) => `  ${i === 0 ? "Certificates:   " : "                "}${c.subject || "(unreadable)"}, expires ${c.expiresAt.toISOString()}`),
    ];
  }
  return [
    `OpenID Connect connection ${view.id} for ${title}, with ${ssoProviderName(view.provider)}:`,
    `  Issuer:         ${view.issuer}`,
    `  Client ID:      ${view.clientId}`,
    `  Client secret:  ${view.hasClientSecret ? "stored (never shown)" : "none"}`,
  ];
}
