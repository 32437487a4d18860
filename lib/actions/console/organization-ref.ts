import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

/** The organisation a directory belongs to, as the audit trail names it (id and slug). */
export async function organizationOfDirectory(directoryId: string) {
  const directory = await db.directory.findUnique({ where: { id: directoryId }, select: { id: true, organization: { select: { id: true, slug: true } } } });
  if (!directory) throw new DomainError("NOT_FOUND", "This directory no longer exists", "directoryId");
  return directory.organization;
}

export async function organizationRef(organizationId: string) {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, slug: true } });
  if (!organization) throw new DomainError("NOT_FOUND", "This organisation no longer exists", "organizationId");
  return organization;
}

/** "acme.com, acme.io" or one per line, as typed into the console's form. */
export function splitDomains(text: string | undefined): string[] {
  return (text ?? "").split(/[\s,]+/).map((d) => d.trim()).filter(Boolean);
}
