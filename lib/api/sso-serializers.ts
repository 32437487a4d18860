import type { z } from "zod";
import type { SsoRedirectUriEntry } from "@/lib/sso/list-redirect-uris";
import { serviceProviderDetails } from "@/lib/sso/service-provider";
import type { SsoConnectionView } from "@/lib/sso/to-sso-connection-view";
import type { ssoConnectionSettingsSchema } from "./schemas/sso-connections";
import type { ssoRedirectUriListSchema } from "./schemas/sso-redirect-uris";

// Serializers of the SSO configuration API, typed by the schemas the OpenAPI document publishes (as in
// serializers.ts). The OIDC client secret has no field here at all: only whether one is stored.

const iso = (d: Date) => d.toISOString();

/** The organisation's SSO settings: our side always, the connection when there is one. */
export function toApiSsoConnectionSettings(organizationId: string, view: SsoConnectionView | null): z.output<typeof ssoConnectionSettingsSchema> {
  const sp = serviceProviderDetails(organizationId);
  return {
    organization_id: organizationId,
    service_provider: { entity_id: sp.entityId, acs_url: sp.acsUrl, metadata_url: sp.metadataUrl, redirect_uri: sp.redirectUri },
    connection: view && toApiConnection(view),
  };
}

function toApiConnection(view: SsoConnectionView): NonNullable<z.output<typeof ssoConnectionSettingsSchema>["connection"]> {
  const common = { id: view.id, provider: view.provider, created_at: iso(view.createdAt), updated_at: iso(view.updatedAt) };
  if (view.protocol === "saml") {
    return {
      ...common,
      protocol: "saml",
      idp_entity_id: view.idpEntityId,
      idp_sso_url: view.idpSsoUrl,
      idp_sso_binding: view.idpSsoBinding,
      metadata_url: view.metadataUrl,
      allow_idp_initiated: view.allowIdpInitiated,
      certificate_expires_at: iso(view.certificate.expiresAt),
      certificates: view.certificates.map((c) => ({ subject: c.subject, not_before: iso(c.notBefore), expires_at: iso(c.expiresAt) })),
    };
  }
  return {
    ...common,
    protocol: "oidc",
    issuer: view.issuer,
    client_id: view.clientId,
    has_client_secret: view.hasClientSecret,
    authorization_endpoint: view.endpoints.authorizationEndpoint,
    token_endpoint: view.endpoints.tokenEndpoint,
    jwks_uri: view.endpoints.jwksUri,
    userinfo_endpoint: view.endpoints.userinfoEndpoint ?? null,
  };
}

export function toApiSsoRedirectUris(entries: SsoRedirectUriEntry[]): z.output<typeof ssoRedirectUriListSchema> {
  return { data: entries.map((e) => ({ uri: e.uri, source: e.source, created_at: e.createdAt && iso(e.createdAt) })) };
}
