import { z } from "zod";
import { DIRECTORY_PROVIDERS } from "@/lib/directory/create-directory";
import { saveOidcConnectionInputSchema } from "@/lib/sso/save-oidc-connection";
import { saveSamlConnectionInputSchema } from "@/lib/sso/save-saml-connection";
import { ssoProviderSchema } from "@/lib/sso/sso-input-schemas";
import { timestamp } from "./shared";

// The fields are the setup portal's own schemas (lib/sso), renamed to the API's snake_case, so that a
// request is held to the same rules and gets the same field-level messages as the portal's form.
const saml = saveSamlConnectionInputSchema.shape;
const oidc = saveOidcConnectionInputSchema.shape;

const providerField = ssoProviderSchema
  .optional()
  .describe(`The identity provider (${DIRECTORY_PROVIDERS.join(", ")}), which words its messages. Left out: the replaced connection's, else generic.`);

export const putSsoConnectionBodySchema = z
  .discriminatedUnion(
    "protocol",
    [
      z.strictObject({
        protocol: z.literal("saml"),
        provider: providerField,
        metadata_xml: saml.metadataXml.describe("The identity provider's SAML metadata, as XML. Give this or metadata_url."),
        metadata_url: saml.metadataUrl.describe("Where Rollcall downloads the identity provider's SAML metadata (https). Give this or metadata_xml."),
        allow_idp_initiated: saml.allowIdpInitiated.describe(
          "Accept sign-ins started at the identity provider (unsolicited responses); they restart a fresh sign-in at the host product rather than mint a code. Left out: unchanged (false for a new connection).",
        ),
      }),
      z.strictObject({
        protocol: z.literal("oidc"),
        provider: providerField,
        issuer: oidc.issuer.describe("The OpenID Provider's issuer URL; its discovery document is read before anything is saved."),
        client_id: oidc.clientId,
        client_secret: oidc.clientSecret.describe("Stored sealed and never returned. Left out: keep the stored secret, which works only for the same client_id."),
      }),
    ],
    { error: "must be saml or oidc" },
  )
  .meta({ id: "PutSsoConnectionBody" });

export const ssoServiceProviderSchema = z
  .object({
    entity_id: z.string().describe("SAML entity ID: Okta's Audience URI, Entra ID's Identifier."),
    acs_url: z.string().describe("SAML Assertion Consumer Service URL: Okta's Single sign-on URL, Entra ID's Reply URL."),
    metadata_url: z.string().describe("Our SAML metadata, for identity providers that import it."),
    redirect_uri: z.string().describe("OpenID Connect redirect URI to register with the OpenID Provider."),
  })
  .describe("Our side of the connection, to enter at the identity provider. Present even before a connection is configured.")
  .meta({ id: "SsoServiceProvider" });

const certificateSchema = z.object({ subject: z.string(), not_before: timestamp, expires_at: timestamp }).meta({ id: "SamlCertificate" });

export const samlConnectionSchema = z
  .object({
    id: z.string().meta({ example: "sso_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    protocol: z.literal("saml"),
    provider: z.enum(DIRECTORY_PROVIDERS),
    idp_entity_id: z.string(),
    idp_sso_url: z.string(),
    idp_sso_binding: z.enum(["redirect", "post"]).describe("How sign-in sends the AuthnRequest, as the metadata names it."),
    metadata_url: z.string().nullable().describe("Set when the metadata was fetched from a URL; null when it was given as XML."),
    allow_idp_initiated: z.boolean(),
    certificate_expires_at: timestamp.describe("When the signing certificate in use expires."),
    certificates: z.array(certificateSchema).describe("Every signing certificate kept (two during a rollover)."),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "SamlConnection" });

export const oidcConnectionSchema = z
  .object({
    id: z.string().meta({ example: "sso_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    protocol: z.literal("oidc"),
    provider: z.enum(DIRECTORY_PROVIDERS),
    issuer: z.string(),
    client_id: z.string(),
    has_client_secret: z.boolean().describe("The secret itself is never returned."),
    authorization_endpoint: z.string(),
    token_endpoint: z.string(),
    jwks_uri: z.string(),
    userinfo_endpoint: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "OidcConnection" });

export const ssoConnectionSettingsSchema = z
  .object({
    organization_id: z.string(),
    service_provider: ssoServiceProviderSchema,
    connection: z.discriminatedUnion("protocol", [samlConnectionSchema, oidcConnectionSchema]).nullable().describe("null: no SSO connection is configured."),
  })
  .meta({ id: "SsoConnectionSettings" });
