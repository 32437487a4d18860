import { db } from "@/lib/db/client";

export async function listDirectories({ organizationId }: { organizationId?: string } = {}) {
  return db.directory.findMany({
    where: organizationId ? { organizationId } : {},
    include: { organization: { select: { slug: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}
