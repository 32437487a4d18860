// Shared by the server (next-auth's options) and the sign-in page in the browser: no server imports here.

export const STAFF_SIGN_IN_PATH = "/admin/sign-in";

/** Shown on the sign-in page for next-auth's error codes; any other text is one of our own sentences. */
export const SIGN_IN_ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "The email or password is not right. Check both and try again.",
  AccessDenied: "This account is not on the support staff, or it has been disabled. Ask an admin to add you.",
  SessionRequired: "Sign in to open the admin console.",
  OAuthSignin: "The single sign-on provider could not be reached. Try again, or sign in with your password.",
  OAuthCallback: "The single sign-on provider's answer could not be used. Try again, or sign in with your password.",
  Callback: "Signing in failed on our side. Try again.",
  Configuration: "Signing in is not configured correctly on this server. Tell an admin.",
};

/** What the sign-in page shows for `?error=`: our sentence for a next-auth code, else the text as given (ours too). */
export function signInErrorMessage(code: string): string {
  return SIGN_IN_ERROR_MESSAGES[code] ?? (/^Too many attempts, try again in \d+ minutes?\.$/.test(code) ? code : SIGN_IN_ERROR_MESSAGES.Callback!);
}

export function tooManyAttempts(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
