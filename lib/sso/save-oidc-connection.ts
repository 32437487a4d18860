import { z } from "zod";
import { db } from "@/lib/db/client";
import type { DirectoryProvider } from "@/lib/db/generated/client";
import { DomainError } from "@/lib/domain-error";
import { sealSecret } from "@/lib/events/secret-box";
import { discoverOidcIssuer } from "./discover-oidc-issuer";
import { optionalText, ssoProviderSchema } from "./sso-input-schemas";
import { ssoProviderName } from "./provider-names";
import { toSsoConnectionView, type SsoConnectionView } from "./to-sso-connection-view";
import { writeSsoConnection } from "./write-sso-connection";
import { parseInput } from "@/lib/validation";

export const saveOidcConnectionInputSchema = z.object({
  organizationId: z.string().min(1, "The organization is missing"),
  provider: ssoProviderSchema,
  issuer: z.string({ error: "Enter the issuer URL" }).trim().min(1, "Enter the issuer URL, like https://acme.okta.com").max(2048, "The issuer URL is too long: 2048 characters at most"),
  clientId: z.string({ error: "Enter the client ID" }).trim().min(1, "Enter the client ID").max(512, "The client ID is too long: 512 characters at most"),
  /** Omitted or blank: keep the stored secret (allowed only when there is one, for the same client ID). */
  clientSecret: optionalText({ length: 2048, message: "The client secret is too long: 2048 characters at most" }),
});

export type SaveOidcConnectionInput = {
  organizationId: string;
  provider: DirectoryProvider;
  issuer: string;
  clientId: string;
  /** Omitted, null or blank: keep the stored secret (only for an OIDC connection with the same client ID). */
  clientSecret?: string | null;
};

/**
 * Configures OpenID Connect sign-in for the organisation. The issuer is checked through discovery first;
 * the client secret is stored sealed (AES-256-GCM, bound to the connection's id). Replaces any SAML
 * configuration. On any error nothing is saved.
 */
export async function saveOidcConnection(input: SaveOidcConnectionInput): Promise<SsoConnectionView> {
  const data = parseInput(saveOidcConnectionInputSchema, input, { fieldInMessage: false });
  const missingSecret = () =>
    new DomainError("INVALID_INPUT", `Enter the client secret that ${ssoProviderName(data.provider)} shows with this client ID`, "clientSecret");
  if (data.clientSecret === undefined) {
    const existing = await db.ssoConnection.findUnique({ where: { organizationId: data.organizationId } });
    if (!canKeepSecret(existing, data.clientId)) throw missingSecret();
  }

  const discovery = await discoverOidcIssuer(data.issuer);

  const row = await writeSsoConnection(data.organizationId, (current, id) => {
    let oidcClientSecret: string;
    if (data.clientSecret !== undefined) oidcClientSecret = sealSecret(data.clientSecret, id);
    else if (current && canKeepSecret(current, data.clientId)) oidcClientSecret = current.oidcClientSecret!;
    else throw missingSecret();
    return {
      provider: data.provider,
      protocol: "oidc",
      oidcIssuer: discovery.issuer,
      oidcClientId: data.clientId,
      oidcClientSecret,
      oidcDiscovery: discovery,
      samlIdpEntityId: null,
      samlIdpSsoUrl: null,
      samlIdpSsoBinding: null,
      samlIdpCertificates: [],
      samlCertificateExpiresAt: null,
      samlMetadataUrl: null,
      allowIdpInitiated: false,
    };
  });
  return toSsoConnectionView(row);
}

/** A stored secret belongs to its client ID: a new client ID needs its own secret. */
function canKeepSecret(existing: { protocol: string; oidcClientId: string | null; oidcClientSecret: string | null } | null, clientId: string): boolean {
  return existing?.protocol === "oidc" && !!existing.oidcClientSecret && existing.oidcClientId === clientId;
}
