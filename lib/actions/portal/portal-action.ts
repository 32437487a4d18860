import { headers } from "next/headers";
import { actionClient } from "@/lib/actions/action-client";
import { DomainError } from "@/lib/domain-error";
import { readPortalSession } from "@/lib/http/portal-page-session";
import type { PortalActor } from "@/lib/portal/record-portal-audit";
import { requestClientIp } from "@/lib/staff/request-client-ip";

/** The client's address for the audit trail: lib/server/next-server.mjs has already reduced X-Forwarded-For to the trusted one. */
export async function portalClientIp(): Promise<string | null> {
  const h = await headers();
  return requestClientIp((name) => h.get(name));
}

/**
 * The setup portal's server-action client. The caller is the portal session in the httpOnly cookie, checked
 * on every call (a revoked or expired link ends it at once); actions act on `ctx.organization` only and never
 * take an organisation id from the browser. `ctx.actor` is what the audit trail records of every change.
 */
export const portalAction = actionClient.use(async ({ next }) => {
  const session = await readPortalSession();
  if (!session.valid) {
    throw new DomainError("FORBIDDEN", "Your setup session has ended and nothing was changed. Open your setup link again to continue.");
  }
  const { organization, setupLink, sessionId } = session.principal;
  const actor: PortalActor = { organization, setupLink, sessionId, clientIp: await portalClientIp() };
  return next({ ctx: { organization, setupLink, actor } });
});

/** Actions on single sign-on: refused to a link issued for directory sync only. */
export const portalSsoAction = portalAction.use(async ({ next, ctx }) => {
  if (ctx.setupLink.intent === "dsync") throw new DomainError("FORBIDDEN", "This setup link is for directory sync only; it cannot change single sign-on.");
  return next({ ctx });
});

/** Actions on directory sync: refused to a link issued for single sign-on only. */
export const portalDsyncAction = portalAction.use(async ({ next, ctx }) => {
  if (ctx.setupLink.intent === "sso") throw new DomainError("FORBIDDEN", "This setup link is for single sign-on only; it cannot change directory sync.");
  return next({ ctx });
});
