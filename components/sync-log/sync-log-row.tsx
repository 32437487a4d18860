"use client";

import Link from "next/link";
import { memo, useId, useState, type ReactNode } from "react";
import { Badge, Button, cn, type BadgeTone } from "@/components/ui";
import type { SyncLogViewEntry } from "@/lib/audit/list-sync-log-view";
import { SYNC_LOG_ACTION_LABELS, type SyncLogAction, type SyncLogOutcome } from "@/lib/audit/sync-log-vocabulary";
import { absoluteTime, relativeTime } from "./format-time";
import type { SyncLogRowData } from "./use-sync-log";

/**
 * Where a row's tenant links to: a function of the entry, or, from a server component (which cannot pass a
 * function to a client one), a template such as "/admin/organizations/{organization.id}/directories/{directory.id}".
 * The template knows {organization.id}, {organization.slug} and {directory.id}.
 */
export type SyncLogTenantHref = ((entry: SyncLogViewEntry) => string) | string;

export function resolveTenantHref(tenantHref: SyncLogTenantHref, entry: SyncLogViewEntry): string {
  if (typeof tenantHref === "function") return tenantHref(entry);
  return tenantHref
    .replaceAll("{organization.id}", encodeURIComponent(entry.organization.id))
    .replaceAll("{organization.slug}", encodeURIComponent(entry.organization.slug))
    .replaceAll("{directory.id}", encodeURIComponent(entry.directory.id));
}

const OUTCOME: Record<SyncLogOutcome, { label: string; tone: BadgeTone }> = {
  success: { label: "OK", tone: "success" },
  refused: { label: "Refused", tone: "warning" },
  failed: { label: "Failed", tone: "danger" },
};

export function OutcomeBadge({ outcome, status }: { outcome: SyncLogOutcome; status: number }) {
  const { label, tone } = OUTCOME[outcome];
  return (
    <Badge tone={tone} dot>
      {label} <span className="tabular-nums">{status}</span>
    </Badge>
  );
}

type SyncLogRowProps = {
  entry: SyncLogRowData;
  now: number;
  showTenant: boolean;
  tenantHref?: SyncLogTenantHref;
};

/**
 * One request. Everything from the identity provider (names, paths, user agents, bodies) is rendered as React
 * text, which escapes it; nothing here sets HTML.
 */
export const SyncLogRow = memo(function SyncLogRow({ entry, now, showTenant, tenantHref }: SyncLogRowProps) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const detailsId = `${id}-details`;
  const summaryId = `${id}-summary`;

  return (
    <li
      data-testid="sync-log-entry"
      data-entry-id={entry.id}
      data-outcome={entry.outcome}
      className={cn("px-4 py-3 sm:px-5", entry.fresh && "animate-sync-log-arrive")}
    >
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:gap-4">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 sm:w-32 sm:shrink-0 sm:flex-col sm:items-start">
          <time dateTime={entry.created_at} title={absoluteTime(entry.created_at)} className="text-sm whitespace-nowrap text-zinc-600 tabular-nums">
            {relativeTime(entry.created_at, now)}
          </time>
          <OutcomeBadge outcome={entry.outcome} status={entry.status} />
        </div>

        <div className="min-w-0 flex-1">
          <p id={summaryId} className="font-medium break-words text-zinc-900">
            {entry.summary}
          </p>
          {entry.advice ? <p className="mt-1 text-sm break-words text-zinc-600">{entry.advice}</p> : null}
        </div>

        {showTenant ? (
          <div className="min-w-0 text-sm break-words sm:w-48 sm:shrink-0">
            <span className="sr-only">Organisation: </span>
            {tenantHref ? (
              <Link href={resolveTenantHref(tenantHref, entry)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {entry.organization.name}
              </Link>
            ) : (
              <span className="font-medium text-zinc-900">{entry.organization.name}</span>
            )}
            <span className="block text-zinc-500">
              <span className="sr-only">Directory: </span>
              {entry.directory.name}
            </span>
          </div>
        ) : null}

        <Button
          variant="secondary"
          size="sm"
          aria-expanded={expanded}
          aria-controls={detailsId}
          // Described by the summary, not named by it, so the summary's text is on the page once.
          aria-describedby={summaryId}
          onClick={() => setExpanded((open) => !open)}
          className="self-start"
        >
          <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" fill="currentColor" className={cn("size-4 transition-transform", expanded && "rotate-90")}>
            <path fillRule="evenodd" clipRule="evenodd" d="M7.21 14.77a.75.75 0 0 1 .02-1.06L11.168 10 7.23 6.29a.75.75 0 1 1 1.04-1.08l4.5 4.25a.75.75 0 0 1 0 1.08l-4.5 4.25a.75.75 0 0 1-1.06-.02Z" />
          </svg>
          Details
        </Button>
      </div>

      <div id={detailsId} hidden={!expanded} className="mt-3 sm:ml-36">
        {expanded ? <SyncLogDetails entry={entry} showTenant={showTenant} /> : null}
      </div>
    </li>
  );
});

function SyncLogDetails({ entry, showTenant }: { entry: SyncLogViewEntry; showTenant: boolean }) {
  const request = `${entry.method} ${entry.path}${entry.query ? `?${entry.query}` : ""}`;
  return (
    <div className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm sm:p-4">
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[9rem_1fr]">
        <Detail label="Time">{absoluteTime(entry.created_at)}</Detail>
        <Detail label="Request" mono>{request}</Detail>
        <Detail label="Status">
          {entry.status}
          {entry.scim_type ? ` (${entry.scim_type})` : ""}
        </Detail>
        <Detail label="Latency">{entry.latency_ms} ms</Detail>
        <Detail label="Token" mono>{entry.token_prefix ? `${entry.token_prefix}…` : "None sent"}</Detail>
        <Detail label="Client IP" mono>{entry.client_ip ?? "Unknown"}</Detail>
        <Detail label="User agent" mono>{entry.user_agent ?? "None sent"}</Detail>
        <Detail label="Actions">
          {entry.actions.length === 0 ? "None: nothing changed" : <ActionList actions={entry.actions} />}
        </Detail>
        {entry.resource_id ? <Detail label="Resource" mono>{`${entry.resource_type ?? ""} ${entry.resource_id}`.trim()}</Detail> : null}
        {entry.error_detail ? <Detail label="Error detail">{entry.error_detail}</Detail> : null}
        {showTenant ? <Detail label="Organisation">{`${entry.organization.name} (${entry.organization.slug})`}</Detail> : null}
        {showTenant ? <Detail label="Directory">{`${entry.directory.name} (${entry.directory.id})`}</Detail> : null}
        <Detail label="Entry id" mono>{entry.id}</Detail>
      </dl>
      <div>
        <p className="mb-1 font-medium text-zinc-900">Request body <span className="font-normal text-zinc-500">(secrets removed)</span></p>
        {entry.request_body === null || entry.request_body === undefined ? (
          <p className="text-zinc-600">No body.</p>
        ) : (
          // A focusable, named region so keyboard users can scroll a wide body sideways.
          <pre tabIndex={0} role="region" aria-label="Request body" className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-white p-3 text-xs leading-relaxed text-zinc-800">
            {JSON.stringify(entry.request_body, null, 2)}
          </pre>
        )}
      </div>
    </div>
  );
}

function Detail({ label, mono = false, children }: { label: string; mono?: boolean; children: ReactNode }) {
  return (
    <div className="min-w-0 sm:contents">
      <dt className="font-medium text-zinc-600">{label}</dt>
      <dd className={cn("min-w-0 break-words text-zinc-900", mono && "font-mono text-xs leading-5 break-all")}>{children}</dd>
    </div>
  );
}

function ActionList({ actions }: { actions: string[] }) {
  const counts = new Map<string, number>();
  for (const action of actions) counts.set(action, (counts.get(action) ?? 0) + 1);
  return (
    <ul className="flex flex-wrap gap-1.5">
      {[...counts].map(([action, n]) => (
        <li key={action}>
          <Badge tone="neutral">
            {SYNC_LOG_ACTION_LABELS[action as SyncLogAction] ?? action}
            {n > 1 ? ` ×${n}` : ""}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
