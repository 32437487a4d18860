import { config } from "@/lib/config";

/** The URL an identity provider is given: Entra calls it "Tenant URL", Okta "SCIM connector base URL". */
export function scimBaseUrl(directoryId: string, appUrl = config().appUrl): string {
  return `${appUrl}/scim/v2/${directoryId}`;
}
