import { Badge, type BadgeTone } from "@/components/ui";
import type { ConnectionHealthJson } from "@/lib/directory-health/to-connection-health-json";

const TONE: Record<ConnectionHealthJson["state"], BadgeTone> = {
  awaiting_first_request: "info",
  healthy: "success",
  failing: "danger",
  silent: "warning",
};

/** A directory's connection state in words; the colour only repeats what the words say. */
export function ConnectionHealthBadge({ state, label }: Pick<ConnectionHealthJson, "state" | "label">) {
  return (
    <Badge tone={TONE[state]} dot data-testid="connection-health-state">
      {label}
    </Badge>
  );
}
