/**
 * A source could not be read (Google refused the token, a scope is missing, the API kept failing). `message`
 * is the status shown on the directory, in words that say who must act.
 */
export class PullSourceError extends Error {
  constructor(message: string, readonly code: "unauthorized" | "forbidden" | "unavailable" | "invalid" = "unavailable") {
    super(message);
    this.name = "PullSourceError";
  }
}
