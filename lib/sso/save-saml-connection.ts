import { z } from "zod";
import { Prisma, type DirectoryProvider } from "@/lib/db/generated/client";
import { DomainError } from "@/lib/domain-error";
import { fetchSamlMetadata } from "./fetch-saml-metadata";
import { parseSamlMetadata, type SamlMetadataSource } from "./parse-saml-metadata";
import { optionalText, ssoProviderSchema } from "./sso-input-schemas";
import { ssoProviderName } from "./provider-names";
import { toSsoConnectionView, type SsoConnectionView } from "./to-sso-connection-view";
import { writeSsoConnection } from "./write-sso-connection";
import { parseInput } from "@/lib/validation";

export const saveSamlConnectionInputSchema = z.object({
  organizationId: z.string().min(1, "The organization is missing"),
  provider: ssoProviderSchema,
  metadataXml: optionalText(),
  metadataUrl: optionalText({ length: 2048, message: "The metadata URL is too long: 2048 characters at most" }),
  allowIdpInitiated: z.boolean({ error: "Allowing IdP-initiated sign-in must be true or false" }).optional(),
});

export type SaveSamlConnectionInput = {
  organizationId: string;
  provider: DirectoryProvider;
  /** Exactly one of metadataXml and metadataUrl; blank counts as not given. */
  metadataXml?: string | null;
  metadataUrl?: string | null;
  /** Accept IdP-initiated (unsolicited) responses, by restarting an SP-initiated flow. Omitted: keep the stored choice (off for a new connection). */
  allowIdpInitiated?: boolean;
};

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/**
 * Configures SAML sign-in for the organisation from its identity provider's metadata, pasted as XML or
 * fetched from a URL (exactly one). The metadata must parse and its current signing certificate must not have
 * expired; one that expires soon is accepted (the view shows the date). Every unexpired signing certificate
 * and the IdP's binding are stored. Replaces any OIDC configuration.
 * On any error nothing is saved.
 */
export async function saveSamlConnection(input: SaveSamlConnectionInput): Promise<SsoConnectionView> {
  const data = parseInput(saveSamlConnectionInputSchema, input, { fieldInMessage: false });
  if (data.metadataXml !== undefined && data.metadataUrl !== undefined) {
    throw new DomainError("INVALID_INPUT", "Give either the metadata XML or its URL, not both", "metadataXml");
  }
  if (data.metadataXml === undefined && data.metadataUrl === undefined) {
    throw new DomainError("INVALID_INPUT", "Paste the identity provider's metadata XML, or enter the URL it can be downloaded from", "metadataXml");
  }
  const source: SamlMetadataSource = data.metadataUrl !== undefined ? "metadataUrl" : "metadataXml";
  const xml = data.metadataUrl !== undefined ? await fetchSamlMetadata(data.metadataUrl) : data.metadataXml!;
  const metadata = parseSamlMetadata(xml, { source });

  const { notAfter } = metadata.certificate;
  if (notAfter.getTime() <= Date.now()) {
    throw new DomainError(
      "INVALID_INPUT",
      `The signing certificate expired on ${DATE.format(notAfter)}; download fresh metadata from ${ssoProviderName(data.provider)}`,
      source,
    );
  }

  // Every signing certificate that has not expired verifies sign-ins, so the IdP can roll over to the next.
  const certificates = metadata.certificates.filter((c) => c.notAfter.getTime() > Date.now()).map((c) => c.pem);
  const row = await writeSsoConnection(data.organizationId, (current) => ({
    provider: data.provider,
    protocol: "saml",
    samlIdpEntityId: metadata.entityId,
    samlIdpSsoUrl: metadata.ssoUrl,
    samlIdpSsoBinding: metadata.ssoBinding,
    samlIdpCertificates: certificates,
    samlCertificateExpiresAt: notAfter,
    samlMetadataUrl: data.metadataUrl ?? null,
    oidcIssuer: null,
    oidcClientId: null,
    oidcClientSecret: null,
    oidcDiscovery: Prisma.DbNull,
    allowIdpInitiated: data.allowIdpInitiated ?? (current?.protocol === "saml" ? current.allowIdpInitiated : false),
  }));
  return toSsoConnectionView(row);
}
