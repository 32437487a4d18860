import { withScimDirectory } from "@/lib/http/with-scim-directory";
import { routeScimRequest } from "../_handlers/router";

// One catch-all route for /scim/v2/{directoryId}/…: identity providers vary the case of the resource segment
// (`/users`) and add trailing slashes, which file-based routes would not match.
export const dynamic = "force-dynamic";

const handle = withScimDirectory(routeScimRequest);
export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as HEAD, handle as OPTIONS };
