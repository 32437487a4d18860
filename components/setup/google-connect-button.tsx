"use client";

import { useState } from "react";
import { Alert, Button } from "@/components/ui";
import { startGoogleConnectionAction } from "@/lib/actions/portal/start-google-connection";
import type { SyncMode } from "./sync-mode-options";
import { usePortalAction } from "./use-portal-action";

/** Sends the admin to Google's consent screen; Google sends them back to /setup/google/callback. */
export function GoogleConnectButton({ syncMode, reconnect = false, onMissingMode }: { syncMode: SyncMode | null; reconnect?: boolean; onMissingMode?: () => void }) {
  const start = usePortalAction(startGoogleConnectionAction);
  const [leaving, setLeaving] = useState(false);
  return (
    <div className="mt-4 flex flex-col items-start gap-3">
      {start.formError || start.fieldErrors.source ? <Alert tone="danger">{start.formError ?? start.fieldErrors.source}</Alert> : null}
      <Button
        variant={reconnect ? "secondary" : "primary"}
        loading={start.pending || leaving}
        onClick={async () => {
          if (!syncMode) {
            onMissingMode?.();
            return;
          }
          const data = await start.run({ syncMode });
          if (data) {
            setLeaving(true);
            window.location.assign(data.url);
          }
        }}
      >
        {reconnect ? "Reconnect Google Workspace" : "Connect Google Workspace"}
      </Button>
    </div>
  );
}
