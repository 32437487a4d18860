import type { Profile } from "@node-saml/node-saml";
import type { SignInProfile } from "./sign-in-profile";

// Entra ID sends claims as URIs; its stable subject is objectidentifier (the user's object id).
const ENTRA_OBJECT_ID = "http://schemas.microsoft.com/identity/claims/objectidentifier";
const PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

const EMAIL = ["email", "mail", "emailaddress", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3", "User.email"];
const FIRST = ["firstName", "givenName", "given_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "urn:oid:2.5.4.42", "User.FirstName"];
const LAST = ["lastName", "surname", "sn", "family_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "urn:oid:2.5.4.4", "User.LastName"];

/**
 * The person, from node-saml's verified profile. The subject is Entra's objectidentifier when present, else
 * the NameID with its format, so that a later change of the NameID format (email to persistent) is visible
 * and an email change under a persistent NameID never makes a second account.
 */
export function samlProfileFrom(profile: Profile, issuer: string): SignInProfile {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const first = (names: string[]) => {
    for (const name of names) {
      const value = attributes[name];
      const text = Array.isArray(value) ? value[0] : value;
      if (typeof text === "string" && text.trim() !== "") return text.trim();
    }
    return null;
  };
  const objectId = first([ENTRA_OBJECT_ID]);
  const nameId = profile.nameID ?? "";
  const email = first(EMAIL) ?? (/^[^@\s]+@[^@\s]+$/.test(nameId) ? nameId : null);
  return {
    idpId: objectId ?? nameId,
    idpIdFormat: objectId ? ENTRA_OBJECT_ID : (profile.nameIDFormat ?? PERSISTENT),
    issuer,
    email: email?.toLowerCase() ?? null,
    firstName: first(FIRST),
    lastName: first(LAST),
    rawAttributes: { ...attributes, name_id: nameId, name_id_format: profile.nameIDFormat ?? null, ...(profile.sessionIndex ? { session_index: profile.sessionIndex } : {}) },
  };
}
