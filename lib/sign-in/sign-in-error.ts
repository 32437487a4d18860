/**
 * The error codes a sign-in returns to the host product (`?error=<code>&error_description=…`). The first
 * five are the ones the host acts on; the others say what went wrong with the request itself.
 */
export type SignInErrorCode =
  | "access_denied"
  | "deprovisioned"
  | "not_provisioned"
  | "invalid_response"
  | "expired"
  | "invalid_request"
  | "server_error";

/**
 * A refusal, with its `reason`: a short machine-readable tag for the sign-in log and tests (`unsigned`,
 * `wrong_audience`, …), and `message`: the words shown to the person and to the host, which say who must act.
 * A message ends without a full stop: the error page and the portal add one.
 */
export class SignInError extends Error {
  constructor(
    readonly code: SignInErrorCode,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "SignInError";
  }
}

export function isSignInError(err: unknown): err is SignInError {
  return err instanceof SignInError;
}
