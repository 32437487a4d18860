import type { ConnectionHealth } from "./connection-health";

export type ConnectionHealthJson = {
  state: ConnectionHealth["state"];
  label: string;
  since: string | null;
  last_request_at: string | null;
  last_successful_request_at: string | null;
  reason: string;
  fix: string | null;
};

/** The JSON shape of a directory's connection health, for the management API and the portal's live overview. */
export function toConnectionHealthJson(health: ConnectionHealth): ConnectionHealthJson {
  return {
    state: health.state,
    label: health.label,
    since: health.since?.toISOString() ?? null,
    last_request_at: health.lastRequestAt?.toISOString() ?? null,
    last_successful_request_at: health.lastSuccessAt?.toISOString() ?? null,
    reason: health.reason,
    fix: health.fix,
  };
}
