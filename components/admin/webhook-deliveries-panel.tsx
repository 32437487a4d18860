"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Alert, Badge, Button, Field, Select, Spinner, Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { redeliverWebhookDeliveryAction } from "@/lib/actions/console/redeliver-webhook-delivery";
import { actionError } from "./action-error";
import { formatDateTime } from "./format";

type Attempt = { id: string; attempt: number; startedAt: string; latencyMs: number; statusCode: number | null; error: string | null };
type Delivery = { id: string; eventType: string; eventId: string; status: "pending" | "succeeded" | "retrying" | "dead"; attempts: number; nextAttemptAt: string | null; lastAttemptAt: string | null; createdAt: string; attemptLog: Attempt[] };
type Page = { data: Delivery[]; next_cursor: string | null };

const TONE = { pending: "info", succeeded: "success", retrying: "warning", dead: "danger" } as const;

async function fetchPage(url: string): Promise<Page> {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (res.status === 401) throw new Error("Your staff session has ended. Reload the page to sign in again.");
  if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${res.status}.`);
  return (await res.json()) as Page;
}

/** The organisation's webhook deliveries, refreshed every few seconds while the page is open. */
export function WebhookDeliveriesPanel({ organizationId, canRedeliver }: { organizationId: string; canRedeliver: boolean }) {
  const [status, setStatus] = useState("");
  const query = useInfiniteQuery({
    queryKey: ["admin", "webhook-deliveries", organizationId, status],
    initialPageParam: "",
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams();
      if (status) search.set("status", status);
      if (pageParam) search.set("after", pageParam);
      return fetchPage(`/api/admin/organizations/${organizationId}/webhook-deliveries?${search}`);
    },
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: 5_000,
  });
  const redeliver = useAction(redeliverWebhookDeliveryAction, { onSuccess: () => void query.refetch() });
  const redeliverError = actionError(redeliver.result);
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Status" className="w-48">
          {(control) => (
            <Select {...control} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">Any</option>
              <option value="pending">Pending</option>
              <option value="retrying">Retrying</option>
              <option value="succeeded">Succeeded</option>
              <option value="dead">Dead</option>
            </Select>
          )}
        </Field>
        {query.isFetching && !query.isLoading ? <Spinner size="sm" label="Refreshing" /> : null}
      </div>
      {redeliverError ? <Alert tone="danger">{redeliverError.message}</Alert> : null}
      {query.isError ? <Alert tone="danger" title="Webhook deliveries could not be loaded">{query.error.message}</Alert> : null}
      <Table caption="Webhook deliveries" hideCaption>
        <THead>
          <TR>
            <TH>Event</TH>
            <TH>Status</TH>
            <TH>Attempts</TH>
            <TH>Last attempt</TH>
            <TH>Next attempt</TH>
            <TH><span className="sr-only">Actions</span></TH>
          </TR>
        </THead>
        <TBody>
          {query.isLoading ? (
            <TableEmptyRow colSpan={6}>
              <span className="inline-flex items-center gap-2"><Spinner size="sm" /> Loading webhook deliveries…</span>
            </TableEmptyRow>
          ) : rows.length === 0 && !query.isError ? (
            <TableEmptyRow colSpan={6}>No webhook deliveries{status ? ` with status ${status}` : ""} for this organisation.</TableEmptyRow>
          ) : (
            rows.map((d) => {
              const last = d.attemptLog.at(-1);
              return (
                <TR key={d.id}>
                  <TD>
                    <div className="font-medium text-zinc-900">{d.eventType}</div>
                    <div className="font-mono text-xs text-zinc-500">{d.eventId} · {formatDateTime(d.createdAt)}</div>
                  </TD>
                  <TD><Badge tone={TONE[d.status]}>{d.status}</Badge></TD>
                  <TD className="tabular-nums">{d.attempts}</TD>
                  <TD>
                    {last ? (
                      <>
                        <div className="whitespace-nowrap">{formatDateTime(last.startedAt)}</div>
                        <div className="text-xs text-zinc-600">{last.statusCode ? `HTTP ${last.statusCode}` : last.error ?? "no answer"} · {last.latencyMs} ms</div>
                      </>
                    ) : "none yet"}
                  </TD>
                  <TD className="whitespace-nowrap">{formatDateTime(d.nextAttemptAt, "none scheduled")}</TD>
                  <TD>
                    {canRedeliver ? (
                      <Button size="sm" variant="secondary" loading={redeliver.isPending && redeliver.input?.deliveryId === d.id} onClick={() => redeliver.execute({ organizationId, deliveryId: d.id })}>
                        Redeliver<span className="sr-only"> {d.eventType} {d.id}</span>
                      </Button>
                    ) : null}
                  </TD>
                </TR>
              );
            })
          )}
        </TBody>
      </Table>
      {query.hasNextPage ? (
        <div>
          <Button variant="secondary" size="sm" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>Load older deliveries</Button>
        </div>
      ) : null}
    </div>
  );
}
