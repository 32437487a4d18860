import { db } from "@/lib/db/client";
import type { StoredSignInProfile } from "./finish-sign-in";

export type TestSignInView = {
  id: string;
  status: "pending" | "succeeded" | "failed";
  createdAt: Date;
  /** For a refusal: the tag and the words, which say what to fix. */
  errorCode: string | null;
  reason: string | null;
  message: string | null;
  profile: StoredSignInProfile | null;
};

/** One of the organisation's test sign-ins (the portal's "Test single sign-on"); null if not its own. */
export async function getTestSignIn({ organizationId, attemptId }: { organizationId: string; attemptId: string }): Promise<TestSignInView | null> {
  const row = await db.signInAttempt.findFirst({ where: { id: attemptId, organizationId, test: true } });
  if (!row) return null;
  const [tag, ...words] = (row.reason ?? "").split(": ");
  return {
    id: row.id,
    status: row.status,
    createdAt: row.createdAt,
    errorCode: row.errorCode,
    reason: row.reason ? tag! : null,
    message: row.reason ? words.join(": ") : null,
    profile: (row.profile as StoredSignInProfile | null) ?? null,
  };
}
