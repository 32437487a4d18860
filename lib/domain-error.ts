/**
 * An error the caller caused, raised by a domain function. Each boundary maps it to its own shape:
 * a SCIM error, an API error body with a status, a field message in the UI, a one-line CLI error.
 */
export type DomainErrorCode = "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT" | "FORBIDDEN";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** For INVALID_INPUT: the field at fault, for field-level messages. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Postgres unique violation, as Prisma reports it (P2002) or as raw SQL does (23505). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; cause?: unknown };
  if (e.code === "P2002" || e.code === "23505") return true;
  return e.cause !== undefined && isUniqueViolation(e.cause);
}
