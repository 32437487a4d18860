import { config } from "@/lib/config";
import { DomainError } from "@/lib/domain-error";
import { readPortalSession } from "@/lib/http/portal-page-session";
import { completeGoogleConnection, googleCallbackQuerySchema } from "@/lib/portal/complete-google-connection";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { requestClientIp } from "@/lib/staff/request-client-ip";

export const dynamic = "force-dynamic";

// GET /setup/google/callback: Google sends the customer's admin back here after its consent screen. The portal
// session comes from its cookie (SameSite=Lax is sent on this top-level navigation); the outcome is shown on the
// directory step, in words, never as an error page.
export async function GET(req: Request): Promise<Response> {
  const back = (outcome: string) => Response.redirect(new URL(`/setup/directory-sync?google=${outcome}`, config().appUrl), 303);
  const parsed = googleCallbackQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  const session = await readPortalSession();
  // Without a session the directory step explains that the setup session ended.
  if (!session.valid) return back("state");
  const { organization, setupLink, sessionId } = session.principal;
  if (setupLink.intent === "sso") return back("state");
  if (!parsed.success) return back("google_error");
  try {
    const connectedBy = `portal:${setupLink.prefix}`;
    const result = await completeGoogleConnection({ organizationId: organization.id, portalSessionId: sessionId, connectedBy, query: parsed.data });
    await recordPortalAudit({
      actor: { organization, setupLink, sessionId, clientIp: requestClientIp((name) => req.headers.get(name)) },
      action: result.ok ? "google_workspace.connected" : "google_workspace.connect_failed",
      target: result.ok ? { type: "directory", id: result.directoryId } : null,
      detail: result.ok ? {} : { problem: result.problem },
    });
    return back(result.ok ? "connected" : result.problem);
  } catch (err) {
    if (err instanceof DomainError) return back(err.code === "CONFLICT" ? "conflict" : "google_error");
    console.error("Connecting Google Workspace failed:", err);
    return back("google_error");
  }
}
