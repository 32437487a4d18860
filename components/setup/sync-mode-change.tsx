"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Button } from "@/components/ui";
import { changeSyncModeAction } from "@/lib/actions/portal/change-sync-mode";
import { SYNC_MODE_NAMES, SyncModeOptions, type SyncMode } from "./sync-mode-options";
import { usePortalAction } from "./use-portal-action";

/** Switches the sync mode; it applies from the provider's next request, and no data is lost either way. */
export function SyncModeChange({ providerName, current }: { providerName: string; current: SyncMode }) {
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
        <SyncModeOptions idPrefix="change" providerName={providerName} value={mode} onChange={(m) => { setMode(m); setDone(false); }} />
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
      {formError ? <Alert tone="danger">{formError}</Alert> : null}
    </section>
  );
}
