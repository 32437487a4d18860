import { db } from "@/lib/db/client";
import { buildServiceProviderMetadataXml, serviceProviderDetails } from "./service-provider";

/** The organisation's SP metadata file and its download name; null for an unknown organisation. */
export async function getServiceProviderMetadata({ organizationId }: { organizationId: string }): Promise<{ xml: string; fileName: string } | null> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, slug: true } });
  if (!organization) return null;
  return {
    xml: buildServiceProviderMetadataXml(serviceProviderDetails(organization.id)),
    // Slugs are lower-case letters, digits and hyphens, so the name needs no quoting beyond the quotes.
    fileName: `rollcall-${organization.slug}-sp-metadata.xml`,
  };
}
