import { assertIndexable } from "./assert-indexable";
import { sql } from "@/lib/db/sql";
import { isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { ScimError } from "@/lib/scim/errors";
import type { UserBody } from "@/lib/scim/requests";
import { userColumnsFrom, type ScimResourceRecord } from "@/lib/scim/resources";
import type { ResourceRow } from "./resource-row";
import type { DirectoryRef } from "./types";

/** POST /Users. The password, if any, was already dropped by the request schema: it is never stored. */
export async function createUser({ directory, body }: { directory: DirectoryRef; body: UserBody }): Promise<ScimResourceRecord> {
  const c = assertIndexable(userColumnsFrom(body.attributes));
  try {
    const [user] = await sql.query<Omit<ResourceRow, "attributes">>(
      `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "externalId", "email", "givenName", "familyName", "displayName", "active", "attributes")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       RETURNING "id", "version", "createdAt", "updatedAt"`,
      [newId("usr"), directory.organizationId, directory.id, c.userName, c.externalId, c.email, c.givenName, c.familyName, c.displayName, c.active, JSON.stringify(body.attributes)],
    );
    return { ...user!, attributes: body.attributes, groups: [] };
  } catch (err) {
    if (isUniqueViolation(err)) throw userNameTaken(c.userName);
    throw err;
  }
}

/** RFC 7644 §3.3: a duplicate userName is 409 uniqueness (Okta's spec test checks it). */
export function userNameTaken(userName: string) {
  return new ScimError(409, "uniqueness", `userName "${userName}" is already in use in this directory`);
}
