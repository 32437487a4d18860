import * as oidc from "openid-client";
import type { SsoConnection } from "@/lib/db/generated/client";
import { openSecret } from "@/lib/events/secret-box";
import { serviceProviderDetails } from "@/lib/sso/service-provider";

type OidcDiscoveryJson = { issuer?: string; authorizationEndpoint?: string; tokenEndpoint?: string; jwksUri?: string; userinfoEndpoint?: string };

/**
 * openid-client's Configuration for one organisation's connection, from the endpoints stored when the
 * connection was saved (no discovery round trip per sign-in). The client secret is opened only here.
 */
export function oidcClientConfig(connection: Pick<SsoConnection, "id" | "organizationId" | "oidcIssuer" | "oidcClientId" | "oidcClientSecret" | "oidcDiscovery">): {
  configuration: oidc.Configuration;
  redirectUri: string;
} {
  const d = (connection.oidcDiscovery ?? {}) as OidcDiscoveryJson;
  const issuer = d.issuer ?? connection.oidcIssuer ?? "";
  const configuration = new oidc.Configuration(
    {
      issuer,
      authorization_endpoint: d.authorizationEndpoint,
      token_endpoint: d.tokenEndpoint,
      jwks_uri: d.jwksUri,
      ...(d.userinfoEndpoint ? { userinfo_endpoint: d.userinfoEndpoint } : {}),
    },
    connection.oidcClientId ?? "",
    connection.oidcClientSecret ? openSecret(connection.oidcClientSecret, connection.id) : undefined,
  );
  // Saving the connection allowed http only for a loopback issuer while Rollcall runs on loopback (tests).
  if (issuer.startsWith("http://")) oidc.allowInsecureRequests(configuration);
  return { configuration, redirectUri: serviceProviderDetails(connection.organizationId).redirectUri };
}
