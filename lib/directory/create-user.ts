import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { ScimError } from "@/lib/scim/errors";
import type { UserBody } from "@/lib/scim/requests";
import { userColumnsFrom, type ScimResourceRecord } from "@/lib/scim/resources";
import type { Prisma } from "@/lib/db/client";
import type { DirectoryRef } from "./types";

/** POST /Users. The password, if any, was already dropped by the request schema: it is never stored. */
export async function createUser({ directory, body }: { directory: DirectoryRef; body: UserBody }): Promise<ScimResourceRecord> {
  const columns = userColumnsFrom(body.attributes);
  try {
    const user = await db.directoryUser.create({
      data: {
        id: newId("usr"),
        organizationId: directory.organizationId,
        directoryId: directory.id,
        ...columns,
        attributes: body.attributes as Prisma.InputJsonObject,
      },
    });
    return { id: user.id, attributes: body.attributes, createdAt: user.createdAt, updatedAt: user.updatedAt, version: user.version, groups: [] };
  } catch (err) {
    if (isUniqueViolation(err)) throw userNameTaken(columns.userName);
    throw err;
  }
}

/** RFC 7644 §3.3: a duplicate userName is 409 uniqueness (Okta's spec test checks it). */
export function userNameTaken(userName: string) {
  return new ScimError(409, "uniqueness", `userName "${userName}" is already in use in this directory`);
}
