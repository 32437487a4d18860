import { z } from "zod";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { searchDirectoryUsers } from "@/lib/directory/search-directory-users";
import { apiJson, parseRequest, queryOf } from "@/lib/http/api-response";
import { withConsoleSession } from "@/lib/http/with-console-session";

const querySchema = z.object({ q: z.string().max(200).optional(), after: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

// GET /api/admin/directories/{id}/users?q=&after=&limit=: one keyset page of a directory's users.
export const GET = withConsoleSession<{ directoryId: string }>(async ({ url, params }) => {
  const directory = await getDirectoryOrThrow({ directoryId: params.directoryId });
  const page = await searchDirectoryUsers({ ...parseRequest(querySchema, queryOf(url)), directoryId: directory.id, organizationId: directory.organizationId });
  return apiJson({ data: page.data, next_cursor: page.nextCursor });
});
