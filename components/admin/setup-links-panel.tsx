"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Badge, Button, CopyField, Field, Select, Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { createSetupLinkAction } from "@/lib/actions/console/create-setup-link";
import { revokeSetupLinkAction } from "@/lib/actions/console/revoke-setup-link";
import { actionError } from "./action-error";
import { ConfirmButton } from "./confirm-button";
import { formatDateTime } from "./format";

export type SetupLinkRow = { id: string; prefix: string; intent: string; createdBy: string; createdAt: string; expiresAt: string; lastUsedAt: string | null; status: "active" | "expired" | "revoked" };

const STATUS_TONE = { active: "success", expired: "neutral", revoked: "danger" } as const;
const INTENTS = { all: "SSO and directory sync", sso: "SSO only", dsync: "Directory sync only" } as const;

export function SetupLinksPanel({ organizationId, links, canRevoke }: { organizationId: string; links: SetupLinkRow[]; canRevoke: boolean }) {
  const router = useRouter();
  const [issued, setIssued] = useState<{ url: string; expiresAt: string } | null>(null);
  const create = useAction(createSetupLinkAction, {
    onSuccess: ({ data }) => {
      if (data) setIssued({ url: data.url, expiresAt: data.expiresAt });
      router.refresh();
    },
  });
  const revoke = useAction(revokeSetupLinkAction, { onSuccess: () => router.refresh() });
  const error = actionError(create.result) ?? actionError(revoke.result);

  return (
    <div className="flex flex-col gap-4">
      <form
        className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setIssued(null);
          create.execute({ organizationId, intent: String(form.get("intent")) as keyof typeof INTENTS, expiresIn: String(form.get("expiresIn")) });
        }}
      >
        <Field label="What it sets up">
          {(control) => (
            <Select {...control} name="intent" defaultValue="all">
              {Object.entries(INTENTS).map(([value, label]) => (
                <option key={value} value={value}>{label}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Works for">
          {(control) => (
            <Select {...control} name="expiresIn" defaultValue="7d">
              <option value="1d">1 day</option>
              <option value="7d">7 days</option>
              <option value="30d">30 days</option>
            </Select>
          )}
        </Field>
        <Button type="submit" loading={create.isPending}>Issue setup link</Button>
      </form>
      {error ? <Alert tone="danger">{error.message}</Alert> : null}
      {issued ? (
        <Alert tone="success" title="Setup link issued">
          <p>Send it to the customer&rsquo;s IT admin. It is shown only now; it works until {formatDateTime(issued.expiresAt)}.</p>
          <CopyField className="mt-3" label="Setup link" value={issued.url} id="issued-setup-link" />
        </Alert>
      ) : null}
      <Table caption="Setup links" hideCaption>
        <THead>
          <TR>
            <TH>Link</TH>
            <TH>Sets up</TH>
            <TH>Status</TH>
            <TH>Issued</TH>
            <TH>Expires</TH>
            <TH>Last opened</TH>
            <TH><span className="sr-only">Actions</span></TH>
          </TR>
        </THead>
        <TBody>
          {links.length === 0 ? (
            <TableEmptyRow colSpan={7}>No setup links yet. Issue one to let the customer configure SSO and directory sync themselves.</TableEmptyRow>
          ) : (
            links.map((link) => (
              <TR key={link.id}>
                <TD className="font-mono text-xs">{link.prefix}…</TD>
                <TD>{INTENTS[link.intent as keyof typeof INTENTS] ?? link.intent}</TD>
                <TD><Badge tone={STATUS_TONE[link.status]}>{link.status}</Badge></TD>
                <TD>
                  <div className="whitespace-nowrap">{formatDateTime(link.createdAt)}</div>
                  <div className="text-xs text-zinc-500">by {link.createdBy}</div>
                </TD>
                <TD className="whitespace-nowrap">{formatDateTime(link.expiresAt)}</TD>
                <TD className="whitespace-nowrap">{formatDateTime(link.lastUsedAt)}</TD>
                <TD>
                  {canRevoke && link.status === "active" ? (
                    <ConfirmButton
                      title="Revoke this setup link?"
                      description={`The link ${link.prefix}… stops working at once, and anyone using the setup portal through it is signed out.`}
                      confirmLabel="Revoke link"
                      pending={revoke.isPending}
                      onConfirm={() => revoke.execute({ organizationId, setupLinkId: link.id })}
                    >
                      Revoke<span className="sr-only"> link {link.prefix}</span>
                    </ConfirmButton>
                  ) : null}
                </TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
    </div>
  );
}
