import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

/** A directory, within the caller's organisation when one is given. 404 alike for "missing" and "another organisation's". */
export async function getDirectoryOrThrow({ directoryId, organizationId }: { directoryId: string; organizationId?: string }) {
  const directory = await db.directory.findFirst({ where: { id: directoryId, ...(organizationId && { organizationId }) } });
  if (!directory) throw new DomainError("NOT_FOUND", `Directory ${directoryId} not found`, "directory");
  return directory;
}
