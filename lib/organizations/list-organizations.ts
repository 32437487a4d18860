import { db } from "@/lib/db/client";

export async function listOrganizations() {
  return db.organization.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
