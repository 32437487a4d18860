import { apiErrorResponse, ApiError } from "@/lib/http/api-response";

// Any other path under /api/v1 answers a JSON 404, like the rest of the API, rather than an HTML page.
function notFound(): Response {
  return apiErrorResponse(new ApiError(404, "not_found", "No such API endpoint; see /api/v1/openapi.json"));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
