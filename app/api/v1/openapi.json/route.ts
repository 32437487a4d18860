import { buildOpenApiDocument } from "@/lib/api/openapi";
import { config } from "@/lib/config";

export const dynamic = "force-dynamic";

// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, generated from the schemas the routes parse with. No key needed.
export async function GET() {
  return Response.json(buildOpenApiDocument({ serverUrl: config().appUrl }), { headers: { "Cache-Control": "public, max-age=300" } });
}
