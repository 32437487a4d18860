"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Badge, Button, CopyField, Field, Select, Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { revokeScimTokensAction } from "@/lib/actions/console/revoke-scim-tokens";
import { rotateScimTokenAction } from "@/lib/actions/console/rotate-scim-token";
import { actionError, fieldMessage } from "./action-error";
import { ConfirmButton } from "./confirm-button";
import { formatDateTime } from "./format";

export type TokenRow = { id: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null };

const GRACE = [
  { hours: 0, label: "None: stop the old token now (admins only)" },
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "24 hours" },
  { hours: 72, label: "3 days" },
  { hours: 168, label: "7 days" },
];

type PreviousTokens = { previousTokens: { prefix: string; expiresAt: string }[] };
type Issued = ({ delivery: "screen"; token: string } | { delivery: "link"; url: string; linkExpiresAt: string; prefix: string }) & PreviousTokens;
type Delivery = Issued["delivery"];

/**
 * Tokens of one directory. Support staff rotate only with a grace period; an admin may stop the old token at
 * once, or cut short a grace already promised, after a confirmation that names what the provider will see.
 */
export function TokensPanel({ directoryId, tokens, canRevoke, canCutOff, providerName, tokenField }: { directoryId: string; tokens: TokenRow[]; canRevoke: boolean; canCutOff: boolean; providerName: string; tokenField: string }) {
  const router = useRouter();
  const [issued, setIssued] = useState<Issued | null>(null);
  const [grace, setGrace] = useState(24);
  const [shorten, setShorten] = useState(false);
  const [deliverBy, setDeliverBy] = useState<Delivery>("screen");
  const rotate = useAction(rotateScimTokenAction, {
    onSuccess: ({ data }) => {
      if (data) setIssued(data);
      router.refresh();
    },
  });
  const revoke = useAction(revokeScimTokensAction, { onSuccess: () => router.refresh() });
  const error = actionError(rotate.result) ?? actionError(revoke.result);
  const cutsOff = grace === 0 || shorten;
  const execute = () => {
    setIssued(null);
    rotate.execute({ directoryId, graceHours: grace, confirmCutOff: grace === 0, shortenPromisedGrace: shorten, deliverBy });
  };

  return (
    <div className="flex flex-col gap-4">
      <form
        className="grid gap-3 sm:grid-cols-[minmax(0,20rem)_auto] sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          if (!cutsOff) execute();
        }}
      >
        <Field label="Old tokens keep working for" hint="Long enough for the customer to paste the new token into their identity provider." error={fieldMessage(error, "graceHours")}>
          {(control) => (
            <Select {...control} name="graceHours" value={String(grace)} onChange={(e) => setGrace(Number(e.target.value))}>
              {GRACE.filter((g) => canCutOff || g.hours > 0).map((g) => (
                <option key={g.hours} value={g.hours}>{g.label}</option>
              ))}
            </Select>
          )}
        </Field>
        {cutsOff ? (
          <div className="sm:mb-7">
            <ConfirmButton
              size="md"
              title="Cut the identity provider off now?"
              description={`${providerName} will be refused (401) until someone pastes the new token in its ${tokenField} field. Every change made in the directory meanwhile waits.`}
              confirmLabel="Rotate and stop the old token"
              pending={rotate.isPending}
              onConfirm={execute}
            >
              Rotate token
            </ConfirmButton>
          </div>
        ) : (
          <Button type="submit" loading={rotate.isPending} className="sm:mb-7">Rotate token</Button>
        )}
        <fieldset className="sm:col-span-2" aria-describedby={fieldMessage(error, "deliverBy") ? "deliver-by-error" : undefined}>
          <legend className="text-sm font-medium text-zinc-900">Deliver the new token</legend>
          <div className="mt-2 flex flex-col gap-2 text-sm text-zinc-700">
            <label className="flex items-start gap-2">
              <input type="radio" name="deliverBy" className="mt-1" checked={deliverBy === "screen"} onChange={() => setDeliverBy("screen")} />
              <span>Show it to me, once</span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="deliverBy" className="mt-1" checked={deliverBy === "link"} onChange={() => setDeliverBy("link")} />
              <span>Send it to the customer in a setup link: their admin sees it once, you never do</span>
            </label>
          </div>
          {fieldMessage(error, "deliverBy") ? <p id="deliver-by-error" className="mt-1 text-sm font-medium text-red-700">{fieldMessage(error, "deliverBy")}</p> : null}
        </fieldset>
        {canCutOff && tokens.some((t) => t.expiresAt) ? (
          <label className="flex items-start gap-2 text-sm text-zinc-700 sm:col-span-2">
            <input type="checkbox" className="mt-1" checked={shorten} onChange={(e) => setShorten(e.target.checked)} />
            <span>Also end sooner the grace already promised to older tokens (left alone otherwise: a second rotation never shortens it).</span>
          </label>
        ) : null}
      </form>
      {error && !fieldMessage(error, "graceHours") && !fieldMessage(error, "deliverBy") ? <Alert tone="danger">{error.message}</Alert> : null}
      {issued?.delivery === "link" ? (
        <Alert tone="success" title="New token issued, sent by setup link">
          <p>
            Send this link to the customer&apos;s IT admin. It opens the setup portal for directory sync only and shows the new token <span className="font-mono text-xs">{issued.prefix}…</span> once,
            to whoever opens it first; it works until {formatDateTime(issued.linkExpiresAt)}. This is the only time the link is shown.
          </p>
          <PreviousTokensList previousTokens={issued.previousTokens} />
          <CopyField className="mt-3" label="Setup link for the customer" value={issued.url} id="token-setup-link" />
        </Alert>
      ) : issued ? (
        <Alert tone="success" title="New token issued">
          <p>Copy it now: it is shown only once.</p>
          <PreviousTokensList previousTokens={issued.previousTokens} />
          <CopyField className="mt-3" label="New SCIM token" value={issued.token} id="issued-scim-token" />
        </Alert>
      ) : null}
      <Table caption="Tokens that still work" hideCaption>
        <THead>
          <TR>
            <TH>Prefix</TH>
            <TH>Created</TH>
            <TH>Last used</TH>
            <TH>Stops working</TH>
            <TH><span className="sr-only">Actions</span></TH>
          </TR>
        </THead>
        <TBody>
          {tokens.length === 0 ? (
            <TableEmptyRow colSpan={5}>No token works for this directory: every SCIM request gets 401. Rotate to issue a new one.</TableEmptyRow>
          ) : (
            tokens.map((t) => (
              <TR key={t.id}>
                <TD className="font-mono text-xs">{t.prefix}…</TD>
                <TD className="whitespace-nowrap">{formatDateTime(t.createdAt)}</TD>
                <TD className="whitespace-nowrap">{formatDateTime(t.lastUsedAt)}</TD>
                <TD className="whitespace-nowrap">{t.expiresAt ? <Badge tone="warning">{formatDateTime(t.expiresAt)}</Badge> : "when rotated or revoked"}</TD>
                <TD>
                  {canRevoke ? (
                    <ConfirmButton
                      title={`Revoke token ${t.prefix}…?`}
                      description="It stops working at once. An identity provider still using it gets 401 on every request until it is given a new token."
                      confirmLabel="Revoke token"
                      pending={revoke.isPending}
                      onConfirm={() => revoke.execute({ directoryId, prefix: t.prefix })}
                    >
                      Revoke<span className="sr-only"> token {t.prefix}</span>
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

function PreviousTokensList({ previousTokens }: PreviousTokens) {
  if (previousTokens.length === 0) return <p>No previous token works any more.</p>;
  return (
    <ul className="mt-1 list-disc pl-5">
      {previousTokens.map((t) => (
        <li key={t.prefix}>
          <span className="font-mono text-xs">{t.prefix}…</span> keeps working until {formatDateTime(t.expiresAt)}.
        </li>
      ))}
    </ul>
  );
}
