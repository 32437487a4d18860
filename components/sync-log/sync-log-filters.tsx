"use client";

import { Field, Input, Select } from "@/components/ui";
import { SYNC_LOG_ACTION_LABELS, SYNC_LOG_ACTIONS, type SyncLogAction } from "@/lib/audit/sync-log-vocabulary";
import { localToIso, type SyncLogFilters, type SyncLogRange } from "./sync-log-request";

type SyncLogFiltersProps = {
  /** What the controls show; the text box may run ahead of what is applied while the user types. */
  value: SyncLogFilters;
  onChange: (next: SyncLogFilters) => void;
  showTimeAndText: boolean;
};

const OUTCOME_OPTIONS: { value: SyncLogFilters["outcome"]; label: string }[] = [
  { value: "all", label: "All" },
  { value: "success", label: "Succeeded" },
  { value: "refused", label: "Refused" },
  { value: "failed", label: "Failed" },
];

const RANGE_OPTIONS: { value: SyncLogRange; label: string }[] = [
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "all", label: "All time" },
  { value: "custom", label: "Custom range" },
];

/** The custom range's problem, if any, in words; the range is not applied until it is fixed. */
export function customRangeError(f: SyncLogFilters): string | undefined {
  if (f.range !== "custom") return undefined;
  const since = localToIso(f.since);
  const until = localToIso(f.until);
  if (since && until && since >= until) return "The start must be before the end.";
  return undefined;
}

export function SyncLogFiltersBar({ value, onChange, showTimeAndText }: SyncLogFiltersProps) {
  const set = (patch: Partial<SyncLogFilters>) => onChange({ ...value, ...patch });
  const rangeError = customRangeError(value);
  return (
    <form
      role="search"
      aria-label="Filter the sync log"
      onSubmit={(event) => event.preventDefault()}
      className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4"
    >
      <Field label="Outcome">
        {(control) => (
          <Select {...control} value={value.outcome} onChange={(e) => set({ outcome: e.target.value as SyncLogFilters["outcome"] })}>
            {OUTCOME_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Action">
        {(control) => (
          <Select {...control} value={value.action} onChange={(e) => set({ action: e.target.value as "" | SyncLogAction })}>
            <option value="">All actions</option>
            {SYNC_LOG_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {SYNC_LOG_ACTION_LABELS[action]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {showTimeAndText ? (
        <>
          <Field label="Time range">
            {(control) => (
              <Select {...control} value={value.range} onChange={(e) => set({ range: e.target.value as SyncLogRange })}>
                {RANGE_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Search" hint="A userName, email or group name, or a resource id.">
            {(control) => (
              <Input {...control} type="search" value={value.q} placeholder="alice@example.com" autoComplete="off" spellCheck={false} onChange={(e) => set({ q: e.target.value })} />
            )}
          </Field>
          {value.range === "custom" ? (
            <>
              <Field label="From" error={rangeError}>
                {(control) => <Input {...control} type="datetime-local" step={1} value={value.since} onChange={(e) => set({ since: e.target.value })} />}
              </Field>
              <Field label="To" hint="Leave blank for up to now.">
                {(control) => <Input {...control} type="datetime-local" step={1} value={value.until} onChange={(e) => set({ until: e.target.value })} />}
              </Field>
            </>
          ) : null}
        </>
      ) : null}
    </form>
  );
}
