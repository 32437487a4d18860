import { Badge } from "@/components/ui";
import { formatErrorRate } from "./format";

/** Directory health over the last 24 hours, in words; the colour only repeats what the words say. */
export function HealthBadge({ errors, requests }: { errors: number; requests: number }) {
  const rate = requests === 0 ? 0 : errors / requests;
  const tone = requests === 0 ? "neutral" : rate >= 0.2 ? "danger" : rate > 0 ? "warning" : "success";
  return (
    <Badge tone={tone} dot>
      {formatErrorRate(errors, requests)}
    </Badge>
  );
}
