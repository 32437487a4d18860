import { db } from "@/lib/db/client";

/** Every key, revoked ones included (they show when they were revoked), optionally one organisation's. */
export async function listApiKeys({ organizationId }: { organizationId?: string } = {}) {
  return db.apiKey.findMany({
    where: organizationId ? { organizationId } : {},
    include: { organization: { select: { slug: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}
