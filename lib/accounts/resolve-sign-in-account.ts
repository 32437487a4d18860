import { transaction, type Sql } from "@/lib/db/sql";
import { recordEvent } from "@/lib/events/record-event";
import { newId } from "@/lib/ids";
import { SignInError } from "@/lib/sign-in/sign-in-error";
import type { SignInProfile } from "@/lib/sign-in/sign-in-profile";

export type SignInAccount = { id: string; email: string; name: string | null; status: "active"; source: "scim" | "jit" | "manual"; directoryUserId: string | null };

export type ResolvedSignIn = {
  account: SignInAccount | null;
  /** The SsoIdentity that links the IdP's subject to the account: the profile's stable id. Null for a test. */
  identityId: string | null;
  /** The first sign-in created the account (source `jit`). */
  created: boolean;
  /** For a test sign-in, which creates nothing: what a real sign-in would have done. */
  wouldCreate: boolean;
  directoryUser: { id: string; directoryId: string; userName: string } | null;
  groups: { id: string; name: string }[];
};

type AccountRow = { id: string; email: string; name: string | null; status: "active" | "deactivated"; source: SignInAccount["source"]; directoryUserId: string | null };
type UserRow = { id: string; directoryId: string; userName: string; active: boolean; syncMode: "FULL" | "DEPROVISION_ONLY" };

const NOT_PROVISIONED = "You have not been given access to this application: ask your IT admin to assign you to the application";
const DEPROVISIONED = "Your access to this application has been removed by your organization. If that is a mistake, ask your IT admin";

/**
 * The just-in-time account rules (issue 11), in one transaction:
 * 1. the organisation's domains: an email outside them is refused; OIDC `email_verified: false` is refused;
 * 2. the account linked to the IdP's stable subject comes first, then the account with this email, so an
 *    email change at the IdP never makes a second account;
 * 3. a matching directory user that is inactive, or a deactivated account, is refused (`deprovisioned`), even
 *    before any account exists; sign-in never reactivates anyone;
 * 4. no account: a deprovision-only directory (or none) creates one (source `jit`, linked to the directory
 *    user, `account.created`); a full-provisioning directory refuses someone it has not provisioned.
 * The directory user's row is locked FOR SHARE, so a SCIM deactivation racing this sign-in either commits
 * first (and this refuses) or waits for this to commit (and then finds and deactivates the new account).
 * `test`: the portal's test sign-in; the rules run, nothing is written.
 */
export async function resolveSignInAccount({ organizationId, profile, test = false }: { organizationId: string; profile: SignInProfile; test?: boolean }): Promise<ResolvedSignIn> {
  return transaction(async (tx) => {
    const [org] = await tx.query<{ domains: string[] }>(`SELECT "domains" FROM "Organization" WHERE "id" = $1`, [organizationId]);
    if (!org) throw new SignInError("invalid_request", "no_organization", "This organization no longer exists");
    const email = profile.email;
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
      throw new SignInError("invalid_response", "no_email", "The identity provider did not send an email address. Your IT admin must map the user's email in the identity provider's attributes (claims)");
    }
    const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
    if (org.domains.length > 0 && !org.domains.some((d) => d.toLowerCase() === domain)) {
      throw new SignInError("access_denied", "domain_not_allowed", `Your email address ${email} is outside this organization's domains (${org.domains.join(", ")}). Sign in with your work account`);
    }
    if (profile.emailVerified === false) {
      throw new SignInError("access_denied", "email_not_verified", `The identity provider says your email address ${email} is not verified. Verify it there, then sign in again`);
    }

    let account = await accountBySubject(tx, organizationId, profile);
    account ??= await one<AccountRow>(tx, `SELECT ${ACCOUNT_COLUMNS} FROM "Account" WHERE "organizationId" = $1 AND "email" = $2::citext FOR UPDATE`, [organizationId, email]);

    const user = account?.directoryUserId
      ? await one<UserRow>(tx, `${USER_SELECT} AND u."id" = $2 FOR SHARE OF u`, [organizationId, account.directoryUserId])
      : await one<UserRow>(
          tx,
          // The account's email, or the directory user's (an email-shaped userName counts, as in sync-account.ts).
          `${USER_SELECT} AND (u."email" = $2::citext OR u."userName" = $2::citext)
             AND NOT EXISTS (SELECT 1 FROM "Account" a WHERE a."directoryUserId" = u."id" AND a."id" IS DISTINCT FROM $3)
           ORDER BY u."active" ASC, u."createdAt" ASC LIMIT 1 FOR SHARE OF u`,
          [organizationId, email, account?.id ?? null],
        );

    if (user && !user.active) throw new SignInError("deprovisioned", "directory_user_inactive", DEPROVISIONED);
    if (account && account.status !== "active") throw new SignInError("deprovisioned", "account_deactivated", DEPROVISIONED);

    let created = false;
    let wouldCreate = false;
    if (!account) {
      if (!user) {
        const [full] = await tx.query<{ id: string }>(`SELECT "id" FROM "Directory" WHERE "organizationId" = $1 AND "syncMode" = 'FULL' LIMIT 1`, [organizationId]);
        if (full) throw new SignInError("not_provisioned", "not_provisioned", NOT_PROVISIONED);
      }
      if (test) {
        wouldCreate = true;
      } else {
        const name = [profile.firstName, profile.lastName].filter(Boolean).join(" ") || null;
        account = await one<AccountRow>(
          tx,
          `INSERT INTO "Account" ("id", "organizationId", "email", "name", "status", "source", "directoryUserId")
           VALUES ($1, $2, $3, $4, 'active', 'jit', $5) RETURNING ${ACCOUNT_COLUMNS}`,
          [newId("acc"), organizationId, email, name, user?.id ?? null],
        );
        created = true;
        await recordEvent(tx, {
          type: "account.created",
          organizationId,
          directoryId: user?.directoryId ?? null,
          data: { id: account!.id, email: account!.email, name, source: "jit", directory_user_id: user?.id ?? null, status: "active" },
        });
      }
    } else if (user && account.directoryUserId === null && !test) {
      await tx.execute(`UPDATE "Account" SET "directoryUserId" = $3, "updatedAt" = now() WHERE "organizationId" = $1 AND "id" = $2`, [organizationId, account.id, user.id]);
      account = { ...account, directoryUserId: user.id };
    }

    let identityId: string | null = null;
    if (account && !test) {
      const [identity] = await tx.query<{ id: string }>(
        `INSERT INTO "SsoIdentity" ("id", "organizationId", "accountId", "issuer", "subject", "subjectFormat", "lastSignInAt")
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT ("organizationId", "issuer", "subject") DO UPDATE SET "lastSignInAt" = now(), "subjectFormat" = EXCLUDED."subjectFormat"
         RETURNING "id"`,
        [newId("sid"), organizationId, account.id, profile.issuer, profile.idpId, profile.idpIdFormat],
      );
      identityId = identity!.id;
    }

    const groups = user
      ? await tx.query<{ id: string; name: string }>(
          `SELECT g."id", g."displayName"::text AS name FROM "GroupMember" gm JOIN "DirectoryGroup" g ON g."directoryId" = gm."directoryId" AND g."id" = gm."groupId"
            WHERE gm."directoryId" = $1 AND gm."userId" = $2 ORDER BY g."displayName", g."id"`,
          [user.directoryId, user.id],
        )
      : [];
    return {
      account: account ? ({ ...account, status: "active" } as SignInAccount) : null,
      identityId,
      created,
      wouldCreate,
      directoryUser: user ? { id: user.id, directoryId: user.directoryId, userName: user.userName } : null,
      groups,
    };
  });
}

const ACCOUNT_COLUMNS = `"id", "email"::text, "name", "status", "source", "directoryUserId"`;
const USER_SELECT = `SELECT u."id", u."directoryId", u."userName"::text AS "userName", u."active", d."syncMode" FROM "DirectoryUser" u JOIN "Directory" d ON d."id" = u."directoryId" WHERE u."organizationId" = $1`;

async function accountBySubject(tx: Sql, organizationId: string, profile: SignInProfile): Promise<AccountRow | undefined> {
  return one<AccountRow>(
    tx,
    `SELECT ${ACCOUNT_COLUMNS.split(", ").map((c) => `a.${c}`).join(", ")} FROM "SsoIdentity" i JOIN "Account" a ON a."id" = i."accountId" AND a."organizationId" = i."organizationId"
      WHERE i."organizationId" = $1 AND i."issuer" = $2 AND i."subject" = $3 FOR UPDATE OF a`,
    [organizationId, profile.issuer, profile.idpId],
  );
}

async function one<T extends object>(tx: Sql, text: string, params: unknown[]): Promise<T | undefined> {
  const [row] = await tx.query<T>(text, params);
  return row;
}
