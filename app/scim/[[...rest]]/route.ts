import { scimErrorResponse } from "@/lib/http/scim-response";
import { ScimError } from "@/lib/scim/errors";

// Anything under /scim that is not /scim/v2/{directoryId}/…: still a SCIM error body, never an HTML page,
// because only SCIM clients call here and they parse the body to explain the failure.
export const dynamic = "force-dynamic";

async function notFound(req: Request) {
  const { pathname } = new URL(req.url);
  return scimErrorResponse(new ScimError(404, undefined, `No SCIM endpoint at ${pathname}; the base URL is /scim/v2/<directoryId>`));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
