"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Button } from "@/components/ui";
import { changeSyncModeAction } from "@/lib/actions/portal/change-sync-mode";
import type { ProviderGuide } from "@/lib/portal/provider-guides";
import { SYNC_MODE_NAMES, SyncModeOptions, type SyncMode } from "./sync-mode-options";
import { usePortalAction } from "./use-portal-action";

/**
 * Switches the sync mode; it applies from the provider's next request, and no data is lost either way. Once
 * saved, it lists what to change in the provider for the new mode (issue 15: switching mode lists the steps).
 */
export function SyncModeChange({ guide, groupsOff, current }: {
  guide: Pick<ProviderGuide, "name" | "fullModeSteps" | "deprovisionOnlySteps">;
  groupsOff: string;
  current: SyncMode;
}) {
  const providerName = guide.name;
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<SyncMode>(current);
  const [mode, setMode] = useState<SyncMode>(current);
  const [done, setDone] = useState(false);
  const { run, pending, formError } = usePortalAction(changeSyncModeAction);

  return (
    <section aria-labelledby="mode-heading" className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
      <fieldset className="space-y-3">
        <legend id="mode-heading" className="text-base font-semibold text-zinc-900">
          Sync mode
        </legend>
        <SyncModeOptions idPrefix="change" providerName={providerName} groupsOff={groupsOff} value={mode} onChange={(m) => { setMode(m); setDone(false); }} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          loading={pending}
          disabled={mode === saved}
          onClick={async () => {
            const data = await run({ syncMode: mode });
            if (data) {
              setSaved(data.syncMode);
              setDone(true);
              await queryClient.invalidateQueries({ queryKey: ["portal"] });
            }
          }}
        >
          Change sync mode
        </Button>
        <p role="status" className="text-sm text-emerald-700">
          {done ? `Saved: ${SYNC_MODE_NAMES[saved]}. It applies from ${providerName}'s next request.` : ""}
        </p>
      </div>
      {done ? <ModeSteps providerName={providerName} steps={saved === "FULL" ? guide.fullModeSteps : guide.deprovisionOnlySteps} /> : null}
      {formError ? <Alert tone="danger">{formError}</Alert> : null}
    </section>
  );
}

function ModeSteps({ providerName, steps }: { providerName: string; steps: string[] }) {
  return (
    <Alert tone="info" title={`Now, in ${providerName}`} role={undefined}>
      {steps.length === 0 ? (
        <p>Nothing to change in {providerName}.</p>
      ) : (
        <ol className="list-decimal space-y-1 pl-5">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      )}
    </Alert>
  );
}
