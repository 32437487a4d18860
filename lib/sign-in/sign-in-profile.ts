/** What the identity provider said about the person, read only from what was verified. */
export type SignInProfile = {
  /** The stable subject: a persistent NameID, Entra's objectidentifier, or OIDC `sub` (`tid:oid` for Entra). */
  idpId: string;
  /** Where idpId came from: a NameID format URN or the claim's name. */
  idpIdFormat: string;
  /** The IdP's entity ID or OIDC issuer. */
  issuer: string;
  email: string | null;
  /** OIDC `email_verified`; undefined when the IdP does not say (SAML). */
  emailVerified?: boolean;
  firstName: string | null;
  lastName: string | null;
  rawAttributes: Record<string, unknown>;
};
