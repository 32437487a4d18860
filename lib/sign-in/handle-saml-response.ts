import { db } from "@/lib/db/client";
import { completeSamlSignIn } from "./complete-saml-sign-in";
import { failSignIn, finishSignIn, type SignInExit } from "./finish-sign-in";
import { restartIdpInitiatedSignIn } from "./restart-idp-initiated-sign-in";

/**
 * The ACS end to end: validate, then finish (code or test result), restart (allowed IdP-initiated), or refuse.
 * A refusal goes back to the attempt that RelayState names, when it is this organisation's and still pending,
 * so the host learns of it; otherwise it is logged and shown as an error page.
 */
export async function handleSamlResponse({ organizationId, samlResponse, relayState }: { organizationId: string; samlResponse: string; relayState: string }): Promise<SignInExit> {
  try {
    const outcome = await completeSamlSignIn({ organizationId, samlResponse });
    if (outcome.kind === "restart") return await restartIdpInitiatedSignIn(outcome.connection, outcome.profile);
    return await finishSignIn(outcome.attempt, outcome.profile);
  } catch (error) {
    const named = relayState
      ? await db.signInAttempt.findFirst({ where: { id: relayState, organizationId, status: "pending", protocol: "saml" } })
      : null;
    // The refusal ends the attempt, so the same request cannot be answered again after it.
    if (named) await db.signInAttempt.updateMany({ where: { id: named.id, requestConsumedAt: null }, data: { requestConsumedAt: new Date() } });
    const connection = named ? null : await db.ssoConnection.findUnique({ where: { organizationId }, select: { id: true, protocol: true } });
    return failSignIn({ attempt: named, error, organizationId, connection });
  }
}
