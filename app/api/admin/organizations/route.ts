import { z } from "zod";
import { apiJson, parseRequest, queryOf } from "@/lib/http/api-response";
import { withConsoleSession } from "@/lib/http/with-console-session";
import { listOrganizationsOverview } from "@/lib/organizations/list-organizations-overview";

const querySchema = z.object({ q: z.string().max(200).optional(), after: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(25) });

// GET /api/admin/organizations?q=&after=&limit=: the console's organisation list, with directory health.
export const GET = withConsoleSession(async ({ url }) => {
  const page = await listOrganizationsOverview(parseRequest(querySchema, queryOf(url)));
  return apiJson({ data: page.data, next_cursor: page.nextCursor });
});
