import { getHealth } from "@/lib/health/get-health";

export const dynamic = "force-dynamic";

// GET /api/health — for load balancers and uptime checks: 200 when the database answers, else 503.
export async function GET() {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
