import { SAML, ValidateInResponseTo, type CacheProvider } from "@node-saml/node-saml";
import type { SsoConnection } from "@/lib/db/generated/client";
import { serviceProviderDetails } from "@/lib/sso/service-provider";

/** SAML 2.0 profiles §4.1.4.2 allows some skew between our clock and the IdP's; the issue settles on 2 minutes. */
export const SAML_CLOCK_SKEW_MS = 2 * 60 * 1000;

/**
 * node-saml asks this cache whether an InResponseTo is outstanding. It only looks: the decision that a request
 * is answered once is the atomic UPDATE in complete-saml-sign-in.ts, in PostgreSQL, so that several Rollcall
 * instances agree (node-saml's own cache is per process and its get-then-remove is not atomic).
 */
function outstandingRequests(lookup: (requestId: string) => Promise<Date | null>): CacheProvider {
  return {
    saveAsync: async (_key, value) => ({ createdAt: Date.now(), value }),
    getAsync: async (key) => {
      const createdAt = await lookup(key);
      return createdAt ? createdAt.toISOString() : null;
    },
    removeAsync: async () => null,
  };
}

/**
 * A node-saml instance for one organisation's connection: our entity ID as issuer and audience, our ACS URL,
 * every stored signing certificate (a rollover keeps working), and either the Response or the Assertion
 * signed (Google signs the Response, others the Assertion; an unsigned document is refused either way).
 */
export function samlClient(
  connection: Pick<SsoConnection, "organizationId" | "samlIdpSsoUrl" | "samlIdpSsoBinding" | "samlIdpCertificates" | "samlIdpEntityId">,
  {
    requestId = "_unused",
    validateInResponseTo = ValidateInResponseTo.always,
    lookupRequest = async () => null,
  }: { requestId?: string; validateInResponseTo?: ValidateInResponseTo; lookupRequest?: (requestId: string) => Promise<Date | null> } = {},
): SAML {
  const sp = serviceProviderDetails(connection.organizationId);
  return new SAML({
    issuer: sp.entityId,
    audience: sp.entityId,
    callbackUrl: sp.acsUrl,
    entryPoint: connection.samlIdpSsoUrl ?? undefined,
    idpCert: connection.samlIdpCertificates.length > 0 ? connection.samlIdpCertificates : ["-"],
    idpIssuer: connection.samlIdpEntityId ?? undefined,
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
    validateInResponseTo,
    requestIdExpirationPeriodMs: 10 * 60 * 1000,
    cacheProvider: outstandingRequests(lookupRequest),
    generateUniqueId: () => requestId,
    // Ask for no particular NameID format: Okta and Entra send what the admin configured; the subject rules
    // in resolve-sign-in-account.ts take the stable one.
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    // SAML bindings §3.5.4: HTTP-POST carries the request base64-encoded, not deflated.
    skipRequestCompression: connection.samlIdpSsoBinding === "post",
  });
}
