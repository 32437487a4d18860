import { getServiceProviderMetadata } from "@/lib/sso/get-service-provider-metadata";

export const dynamic = "force-dynamic";

// GET /sso/saml/{organizationId}/metadata — our SAML SP metadata. Public, with no sign-in: identity
// providers download it, and it holds only URLs that the IT admin copies from the portal anyway.
export async function GET(_req: Request, ctx: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await ctx.params;
  const metadata = await getServiceProviderMetadata({ organizationId });
  if (!metadata) return new Response("Unknown organization\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(metadata.xml, {
    headers: {
      "Content-Type": "application/samlmetadata+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${metadata.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
