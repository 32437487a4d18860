import { db } from "@/lib/db/client";
import { toSsoConnectionView, type SsoConnectionView } from "./to-sso-connection-view";

export type { OidcConnectionView, SamlConnectionView, SsoConnectionView } from "./to-sso-connection-view";

/** The organisation's SSO connection, without its client secret; null when none is configured. */
export async function getSsoConnection({ organizationId }: { organizationId: string }): Promise<SsoConnectionView | null> {
  const row = await db.ssoConnection.findUnique({ where: { organizationId } });
  return row ? toSsoConnectionView(row) : null;
}
