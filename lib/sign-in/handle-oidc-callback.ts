import type { SignInAttempt } from "@/lib/db/generated/client";
import { completeOidcSignIn } from "./complete-oidc-sign-in";
import { failSignIn, finishSignIn, type SignInExit } from "./finish-sign-in";

/** The OIDC callback end to end: exchange and validate, then finish (code or test result) or refuse. */
export async function handleOidcCallback({ organizationId, callbackUrl }: { organizationId: string; callbackUrl: URL }): Promise<SignInExit> {
  try {
    const { attempt, profile } = await completeOidcSignIn({ organizationId, callbackUrl });
    return await finishSignIn(attempt, profile);
  } catch (error) {
    const attempt = (error as { attempt?: SignInAttempt }).attempt ?? null;
    return failSignIn({ attempt, error, organizationId });
  }
}
