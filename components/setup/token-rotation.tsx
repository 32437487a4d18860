"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, CopyField, Field, Select } from "@/components/ui";
import { rotateScimTokenAction } from "@/lib/actions/portal/rotate-scim-token";
import { upperFirst } from "@/lib/portal/provider-guides";
import { previousTokensSentence } from "./previous-tokens";
import { usePortalAction } from "./use-portal-action";

const GRACE_OPTIONS = [
  { hours: 24, text: "24 hours (recommended)" },
  { hours: 1, text: "1 hour" },
  { hours: 72, text: "3 days" },
  { hours: 0, text: "None: stop the current token now" },
] as const;


/**
 * A new token, shown once; the current ones keep working through the grace period so the swap has no outage.
 * `withoutGrace` false hides "None" for a link that may not cut the provider off (the server refuses it too).
 */
export function TokenRotation({ providerName, tokenField, tokenPrefixes, withoutGrace = true }: { providerName: string; tokenField: string; tokenPrefixes: string[]; withoutGrace?: boolean }) {
  const router = useRouter();
  const [grace, setGrace] = useState<0 | 1 | 24 | 72>(24);
  const [issued, setIssued] = useState<{ token: string; previousTokens: { prefix: string; expiresAt: string }[] } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { run, pending, formError, fieldErrors } = usePortalAction(rotateScimTokenAction);

  return (
    <section aria-labelledby="rotate-heading" className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
      <div>
        <h2 id="rotate-heading" className="text-base font-semibold text-zinc-900">
          SCIM token
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          {tokenPrefixes.length > 0 ? (
            <>
              In use:{" "}
              {tokenPrefixes.map((p) => (
                <code key={p} className="mr-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-800">{`${p}…`}</code>
              ))}
            </>
          ) : (
            "No token works right now."
          )}{" "}
          Rotate it if it may have leaked, or when your policy says so.
        </p>
      </div>
      {issued ? (
        <div className="space-y-3">
          <CopyField id="rotated-token" label={`New ${tokenField}`} value={issued.token} hint={`Paste it into ${providerName} now: it is shown only this once.`} />
          <Alert tone="info">
            {previousTokensSentence(issued.previousTokens, providerName, tokenField)}
          </Alert>
        </div>
      ) : (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <Field id="grace" label="Keep the current token working for" error={fieldErrors.graceHours} className="sm:w-72">
            {(control) => (
              <Select {...control} value={grace} onChange={(e) => setGrace(Number(e.target.value) as 0 | 1 | 24 | 72)}>
                {GRACE_OPTIONS.filter((o) => withoutGrace || o.hours !== 0).map((o) => (
                  <option key={o.hours} value={o.hours}>
                    {o.text}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button
            variant="secondary"
            loading={pending && !confirming}
            onClick={async () => {
              if (grace === 0) return setConfirming(true);
              const data = await run({ graceHours: grace });
              if (data) {
                setIssued(data);
                router.refresh();
              }
            }}
          >
            Rotate token
          </Button>
        </div>
      )}
      {confirming && !issued ? (
        <Alert
          tone="warning"
          title="Stop the current token now?"
          actions={
            <div className="flex flex-wrap gap-2">
              <Button
                variant="danger"
                loading={pending}
                onClick={async () => {
                  const data = await run({ graceHours: 0, confirmCutOff: true });
                  setConfirming(false);
                  if (data) {
                    setIssued(data);
                    router.refresh();
                  }
                }}
              >
                Rotate and stop the current token
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </div>
          }
        >
          {upperFirst(providerName)} will be refused until someone pastes the new token in its {tokenField} field. Nothing it changes reaches us meanwhile.
        </Alert>
      ) : null}
      {formError ? <Alert tone="danger">{formError}</Alert> : null}
    </section>
  );
}
