import { ValidateInResponseTo, type Profile } from "@node-saml/node-saml";
import { XMLParser } from "fast-xml-parser";
import { db } from "@/lib/db/client";
import type { SignInAttempt, SsoConnection } from "@/lib/db/generated/client";
import { serviceProviderDetails } from "@/lib/sso/service-provider";
import { samlClient } from "./saml-client";
import { SignInError } from "./sign-in-error";
import type { SignInProfile } from "./sign-in-profile";
import { samlProfileFrom } from "./to-saml-profile";

/** A response this large is not a sign-in (real ones are a few kilobytes). */
const MAX_RESPONSE_BYTES = 512 * 1024;

export type SamlOutcome =
  /** A valid answer to one of our AuthnRequests: the attempt it consumed and who signed in. */
  | { kind: "signed-in"; attempt: SignInAttempt; profile: SignInProfile }
  /** A valid unsolicited response on a connection that allows them: start over, SP-initiated. */
  | { kind: "restart"; connection: SsoConnection; profile: SignInProfile };

const outer = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", removeNSPrefix: true, processEntities: false });

/**
 * POST /sso/saml/<organizationId>/acs. Validates the IdP's response with node-saml (signature by one of the
 * stored certificates, on the Response or the Assertion; audience; time with 2 minutes of skew; InResponseTo
 * against an outstanding request of this organisation), then makes the checks node-saml leaves to us: no
 * DOCTYPE, Issuer, Recipient and Destination, the assertion ID never seen before, and the request consumed
 * once, atomically in PostgreSQL. Every value in the profile comes from the verified assertion.
 * Throws SignInError; `attemptHint` is the attempt RelayState names, for the route to report a refusal to.
 */
export async function completeSamlSignIn({ organizationId, samlResponse }: { organizationId: string; samlResponse: string }): Promise<SamlOutcome> {
  const connection = await db.ssoConnection.findUnique({ where: { organizationId } });
  if (!connection || connection.protocol !== "saml") {
    throw new SignInError("invalid_request", "no_connection", "This organization has no SAML connection, so Rollcall cannot accept a SAML response for it");
  }
  const acsUrl = serviceProviderDetails(organizationId).acsUrl;
  const xml = decodeResponse(samlResponse);
  // A DOCTYPE can declare entities (billion laughs, external files); SAML never uses one. node-saml accepts it.
  if (/<!DOCTYPE/i.test(xml)) throw refusal("doctype", "The identity provider's response contains a DOCTYPE declaration, which SAML never uses; Rollcall refuses it for safety");

  const response = readOuterResponse(xml);
  // Routing only (which check applies); the value that counts is the one node-saml verifies and we consume.
  const solicited = response.inResponseTo !== undefined && response.inResponseTo !== "";
  if (!solicited && !connection.allowIdpInitiated) {
    throw refusal("unsolicited", "The identity provider sent a sign-in that Rollcall did not ask for (IdP-initiated). This connection accepts only sign-ins started from the application: start from the application's sign-in page");
  }

  const saml = samlClient(connection, {
    validateInResponseTo: solicited ? ValidateInResponseTo.always : ValidateInResponseTo.never,
    lookupRequest: async (requestId) => {
      const row = await db.signInAttempt.findFirst({
        where: { organizationId, samlRequestId: requestId, requestConsumedAt: null, expiresAt: { gt: new Date() } },
        select: { createdAt: true },
      });
      return row?.createdAt ?? null;
    },
  });
  let profile: Profile;
  try {
    const result = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
    if (!result.profile) throw new Error("Missing SAML assertion");
    profile = result.profile;
  } catch (err) {
    const refused = toSamlRefusal(err, xml, connection);
    if (refused.reason === "unknown_in_response_to" && response.inResponseTo && (await wasAnswered(organizationId, response.inResponseTo))) {
      throw refusal("in_response_to_reused", "This response answers a sign-in request that was already answered. Start the sign-in again from the application");
    }
    throw refused;
  }

  // The Issuer of the verified assertion, and of the Response when it names one, is the IdP's entity ID.
  if (profile.issuer !== connection.samlIdpEntityId || (response.issuer !== undefined && response.issuer !== connection.samlIdpEntityId)) {
    throw refusal("wrong_issuer", `The response was issued by ${profile.issuer ?? response.issuer ?? "nobody"}, not by ${connection.samlIdpEntityId}, the identity provider in this connection. Upload your identity provider's current metadata`);
  }
  const assertion = (profile.getAssertion?.() ?? {}) as { Assertion?: VerifiedAssertion };
  const verified = assertion.Assertion;
  const recipients = (verified?.Subject?.[0]?.SubjectConfirmation ?? []).map((c) => c.SubjectConfirmationData?.[0]?.$?.Recipient);
  // SAML profiles §4.1.4.2: the bearer SubjectConfirmationData names the ACS URL as its Recipient.
  if (recipients.length === 0 || recipients.some((r) => r !== acsUrl)) {
    throw refusal("wrong_recipient", `The response is addressed to ${recipients.find((r) => r !== acsUrl) ?? "no recipient"}, not to ${acsUrl}. Set the identity provider's ACS (reply) URL to ${acsUrl}`);
  }
  // SAML core §3.2.2: when the Response names a Destination, it must be where it was sent.
  if (response.destination !== undefined && response.destination !== acsUrl) {
    throw refusal("wrong_destination", `The response is addressed to ${response.destination}, not to ${acsUrl}. Set the identity provider's ACS (reply) URL to ${acsUrl}`);
  }
  const assertionId = verified?.$?.ID;
  if (!assertionId) throw refusal("malformed", "The identity provider's assertion has no ID");
  const notOnOrAfter = verified?.Conditions?.[0]?.$?.NotOnOrAfter;
  const keepUntil = new Date(Math.max(Date.now() + 10 * 60 * 1000, notOnOrAfter ? Date.parse(notOnOrAfter) + 5 * 60 * 1000 : 0));
  const fresh = await db.$executeRaw`INSERT INTO "SamlAssertionSeen" ("organizationId", "assertionId", "expiresAt") VALUES (${organizationId}, ${assertionId}, ${keepUntil}) ON CONFLICT DO NOTHING`;
  if (fresh === 0) throw refusal("replayed_assertion", "This sign-in response was already used once. Start the sign-in again from the application");

  const signInProfile = samlProfileFrom(profile, connection.samlIdpEntityId ?? "");
  if (!solicited) return { kind: "restart", connection, profile: signInProfile };

  // One statement decides which answer consumes the request, however many instances receive copies at once.
  const [attempt] = await db.$queryRaw<SignInAttempt[]>`
    UPDATE "SignInAttempt" SET "requestConsumedAt" = now()
     WHERE "organizationId" = ${organizationId} AND "samlRequestId" = ${profile.inResponseTo ?? ""}
       AND "requestConsumedAt" IS NULL AND "expiresAt" > now() AND "status" = 'pending'
     RETURNING *`;
  if (!attempt) throw refusal("in_response_to_reused", "This response answers a sign-in request that was already answered or has expired. Start the sign-in again from the application");
  return { kind: "signed-in", attempt, profile: signInProfile };
}

async function wasAnswered(organizationId: string, requestId: string): Promise<boolean> {
  return (await db.signInAttempt.count({ where: { organizationId, samlRequestId: requestId, requestConsumedAt: { not: null } } })) > 0;
}

type VerifiedAssertion = {
  $?: { ID?: string };
  Subject?: { SubjectConfirmation?: { SubjectConfirmationData?: { $?: { Recipient?: string } }[] }[] }[];
  Conditions?: { $?: { NotOnOrAfter?: string } }[];
};

function refusal(reason: string, message: string): SignInError {
  return new SignInError("invalid_response", reason, message);
}

function decodeResponse(samlResponse: string): string {
  if (typeof samlResponse !== "string" || samlResponse.length === 0) throw refusal("malformed", "The identity provider posted no SAMLResponse");
  if (samlResponse.length > MAX_RESPONSE_BYTES) throw refusal("malformed", "The identity provider's response is far larger than any sign-in");
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  if (!xml.trimStart().startsWith("<")) throw refusal("malformed", "The SAMLResponse is not a base64-encoded XML document");
  return xml;
}

/** The unsigned envelope: read only to route the response and to check Destination and Issuer. */
function readOuterResponse(xml: string): { inResponseTo?: string; destination?: string; issuer?: string } {
  let doc: Record<string, unknown>;
  try {
    doc = outer.parse(xml) as Record<string, unknown>;
  } catch {
    throw refusal("malformed", "The identity provider's response is not well-formed XML");
  }
  const response = doc.Response as Record<string, unknown> | undefined;
  if (!response || typeof response !== "object") throw refusal("malformed", "The identity provider's answer is not a SAML Response");
  const issuer = response.Issuer;
  const issuerText = typeof issuer === "string" ? issuer : typeof issuer === "object" && issuer !== null ? String((issuer as Record<string, unknown>)["#text"] ?? "") : undefined;
  return {
    inResponseTo: response["@_InResponseTo"] as string | undefined,
    destination: response["@_Destination"] as string | undefined,
    issuer: issuerText?.trim(),
  };
}

/** node-saml's errors, in words that say who must act, with a reason for the log and the refusal tests. */
function toSamlRefusal(err: unknown, xml: string, connection: SsoConnection): SignInError {
  const message = err instanceof Error ? err.message : String(err);
  if (/status/i.test(message) && /SAML provider returned/.test(message)) {
    return new SignInError("access_denied", "idp_error", `The identity provider refused the sign-in (${message.replace(/^SAML provider returned /, "")})`);
  }
  if (/signature|Cannot obtain assertion|multiple assertions/i.test(message)) {
    if (!/<(\w+:)?Signature[\s>]/.test(xml)) {
      return refusal("unsigned", "The identity provider's response is not signed. Configure it to sign the response or the assertion");
    }
    const embedded = [...xml.matchAll(/<(?:\w+:)?X509Certificate>([^<]+)</g)].map((m) => m[1]!.replace(/\s+/g, ""));
    const known = connection.samlIdpCertificates.map((pem) => pem.replace(/-----[A-Z ]+-----|\s+/g, ""));
    if (embedded.length > 0 && embedded.every((c) => !known.includes(c))) {
      return refusal("unknown_certificate", "The identity provider signed with a certificate Rollcall does not have: upload the identity provider's new metadata");
    }
    return refusal("invalid_signature", "The response's signature does not match its content: it was altered after signing. Start the sign-in again; if it keeps failing, upload the identity provider's current metadata");
  }
  if (/audience/i.test(message)) return refusal("wrong_audience", `The response is meant for another service (its audience is not ${serviceProviderDetails(connection.organizationId).entityId}). Set the identity provider's Entity ID (Audience URI) to that value`);
  if (/NotBefore|not yet valid/i.test(message)) return refusal("not_yet_valid", "The response is not valid yet: the identity provider's clock is ahead of ours by more than 2 minutes");
  // node-saml checks the bearer SubjectConfirmationData's NotOnOrAfter first, and says only that none is valid.
  if (/expired|NotOnOrAfter|No valid subject confirmation/i.test(message)) return refusal("expired", "The response has expired. Start the sign-in again from the application");
  if (/InResponseTo/i.test(message)) return refusal("unknown_in_response_to", "This response answers a sign-in request Rollcall did not make, or one that was already answered or has expired. Start the sign-in again from the application");
  if (/Unknown SAML issuer|Missing SAML issuer/i.test(message)) return refusal("wrong_issuer", `The response was not issued by ${connection.samlIdpEntityId}, the identity provider in this connection. Upload your identity provider's current metadata`);
  console.error("SAML response refused:", message);
  return refusal("malformed", "The identity provider's response could not be read as a SAML sign-in");
}
