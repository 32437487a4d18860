import { sql } from "@/lib/db/sql";

export type StaffPrincipal = {
  sessionId: string;
  staffUserId: string;
  email: string;
  name: string | null;
  role: "admin" | "support";
  sessionExpiresAt: Date;
};

/**
 * Is this console session good right now? The JWT only names the session; this row decides. Signing out,
 * expiry and disabling the user all end it here, on the next request, whatever the JWT still says.
 */
export async function verifyStaffSession({ sessionId }: { sessionId: string }): Promise<StaffPrincipal | null> {
  const [row] = await sql.query<StaffPrincipal>(
    `SELECT s."id" AS "sessionId", u."id" AS "staffUserId", u."email"::text AS "email", u."name", u."role"::text AS "role", s."expiresAt" AS "sessionExpiresAt"
       FROM "StaffSession" s JOIN "StaffUser" u ON u."id" = s."staffUserId"
      WHERE s."id" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND u."disabledAt" IS NULL`,
    [sessionId],
  );
  return row ?? null;
}
