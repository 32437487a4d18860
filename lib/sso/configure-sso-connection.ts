import { db } from "@/lib/db/client";
import type { DirectoryProvider } from "@/lib/db/generated/client";
import { saveOidcConnection } from "./save-oidc-connection";
import { saveSamlConnection } from "./save-saml-connection";
import type { SsoConnectionView } from "./to-sso-connection-view";

type Common = {
  organizationId: string;
  /** Omitted: the provider of the connection being replaced, else `generic`. */
  provider?: DirectoryProvider;
};

export type ConfigureSsoConnectionInput =
  | (Common & { protocol: "saml"; metadataXml?: string | null; metadataUrl?: string | null; allowIdpInitiated?: boolean })
  | (Common & { protocol: "oidc"; issuer: string; clientId: string; clientSecret?: string | null });

/**
 * Creates or replaces the organisation's SSO connection without the setup portal (the management API and
 * `dsync sso set`). It goes through the portal's own save functions, so the checks and the field-level
 * messages are the portal's, word for word.
 */
export async function configureSsoConnection(input: ConfigureSsoConnectionInput): Promise<SsoConnectionView> {
  const provider = input.provider ?? (await currentProvider(input.organizationId)) ?? "generic";
  if (input.protocol === "saml") {
    const { organizationId, metadataXml, metadataUrl, allowIdpInitiated } = input;
    return saveSamlConnection({ organizationId, provider, metadataXml, metadataUrl, allowIdpInitiated });
  }
  const { organizationId, issuer, clientId, clientSecret } = input;
  return saveOidcConnection({ organizationId, provider, issuer, clientId, clientSecret });
}

async function currentProvider(organizationId: string): Promise<DirectoryProvider | undefined> {
  const current = await db.ssoConnection.findUnique({ where: { organizationId }, select: { provider: true } });
  return current?.provider;
}
