import { config } from "@/lib/config";

/** Our side of an organisation's SSO connection: what its IT admin copies into the identity provider. */
export type ServiceProviderDetails = {
  /** SAML entity ID (the "Audience URI" in Okta, "Identifier" in Entra). */
  entityId: string;
  /** SAML Assertion Consumer Service URL (Okta's "Single sign-on URL", Entra's "Reply URL"). */
  acsUrl: string;
  /** Where identity providers download our SAML metadata. */
  metadataUrl: string;
  /** OpenID Connect redirect URI (the "Sign-in redirect URI" in Okta). */
  redirectUri: string;
};

export function serviceProviderDetails(organizationId: string, appUrl: string = config().appUrl): ServiceProviderDetails {
  const saml = `${appUrl}/sso/saml/${encodeURIComponent(organizationId)}`;
  return {
    entityId: saml,
    acsUrl: `${saml}/acs`,
    metadataUrl: `${saml}/metadata`,
    redirectUri: `${appUrl}/sso/oidc/${encodeURIComponent(organizationId)}/callback`,
  };
}

/**
 * SAML 2.0 service-provider metadata (SAML 2.0 metadata §2.4.4). Rollcall does not sign its AuthnRequests
 * and wants every assertion signed; it asks for the email address as the NameID and receives the response
 * by HTTP-POST at the ACS URL.
 */
export function buildServiceProviderMetadataXml(details: ServiceProviderDetails): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escapeXml(details.entityId)}">`,
    `  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`,
    `    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>`,
    `    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeXml(details.acsUrl)}" index="0" isDefault="true"/>`,
    `  </md:SPSSODescriptor>`,
    `</md:EntityDescriptor>`,
    ``,
  ].join("\n");
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}
