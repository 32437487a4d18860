import type { ReactNode } from "react";
import { cn } from "./cn";

export type StatProps = {
  label: ReactNode;
  value: ReactNode;
  /** Context under the number, e.g. "in the last 24 hours". */
  hint?: ReactNode;
  className?: string;
};

// A fixed locale keeps the server's and the browser's output identical, which avoids hydration mismatches.
const numberFormat = new Intl.NumberFormat("en-GB");

export function Stat({ label, value, hint, className }: StatProps) {
  return (
    <dl className={cn("flex flex-col gap-1", className)}>
      <dt className="text-sm font-medium text-zinc-600">{label}</dt>
      <dd className="text-3xl font-semibold tracking-tight text-zinc-900 tabular-nums">
        {typeof value === "number" ? numberFormat.format(value) : value}
      </dd>
      {hint ? <dd className="text-sm text-zinc-500">{hint}</dd> : null}
    </dl>
  );
}
