/**
 * The caller's address as the reverse proxy reports it (the first X-Forwarded-For hop, as the SCIM log records
 * it), or null. It is a hint for rate limiting and the audit trail, never an identity.
 */
export function requestClientIp(header: (name: string) => string | null | undefined): string | null {
  const forwarded = header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header("x-real-ip")?.trim() || null;
}
