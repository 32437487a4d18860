"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Alert, Button, RadioCard } from "@/components/ui";
import { setUpCsvDirectoryAction } from "@/lib/actions/portal/set-up-csv-directory";
import { upperFirst } from "@/lib/portal/provider-guides";
import { GoogleConnectButton } from "./google-connect-button";
import { SyncModeOptions, type SyncMode } from "./sync-mode-options";
import { usePortalAction } from "./use-portal-action";

type Source = "scim" | "google" | "csv";

/**
 * The first choice of the directory step: how the directory reaches us. SCIM where the provider can push it,
 * a Google Workspace pull through its Admin SDK, or CSV files for organisations whose provider pushes nothing.
 */
export function PulledDirectorySetup({ providerName, scimSupported, googleAvailable, scimForm }: {
  providerName: string; scimSupported: boolean; googleAvailable: boolean; scimForm: ReactNode;
}) {
  const router = useRouter();
  const [source, setSource] = useState<Source>(googleAvailable ? "google" : scimSupported ? "scim" : "csv");
  const [mode, setMode] = useState<SyncMode | null>(null);
  const [modeError, setModeError] = useState<string | undefined>();
  const csv = usePortalAction(setUpCsvDirectoryAction);
  const missingMode = () => setModeError("Choose a sync mode first.");

  const options: Array<{ id: Source; title: string; description: string }> = [
    ...(googleAvailable ? [{ id: "google" as const, title: "Google Workspace (pulled)", description: "Rollcall reads your directory through Google's Admin SDK, read-only, every 30 minutes and when you ask." }] : []),
    ...(scimSupported ? [{ id: "scim" as const, title: `SCIM from ${providerName}`, description: `${upperFirst(providerName)} pushes every change to Rollcall as it happens.` }] : []),
    { id: "csv", title: "CSV files", description: "You upload an export of your people (or automate it through the API). Anyone not in the latest file is deactivated." },
  ];

  return (
    <div className="space-y-8">
      <fieldset>
        <legend className="text-base font-semibold text-zinc-900">How should your directory reach us?</legend>
        <div className="mt-3 grid gap-3 sm:grid-cols-3">
          {options.map((o) => (
            <RadioCard key={o.id} id={`source-${o.id}`} name="source" value={o.id} checked={source === o.id} onChange={() => setSource(o.id)} title={o.title} description={o.description} />
          ))}
        </div>
      </fieldset>

      {source === "scim" ? scimForm : (
        <div className="space-y-6">
          <fieldset aria-describedby={modeError || csv.fieldErrors.syncMode ? "pull-sync-mode-error" : undefined}>
            <legend className="text-base font-semibold text-zinc-900">Sync mode</legend>
            <div className="mt-3">
              <SyncModeOptions idPrefix="pull" providerName={source === "google" ? "Google Workspace" : "The CSV file"} groupsOff="Groups and their members are not synced in this mode" value={mode} onChange={(m) => { setMode(m); setModeError(undefined); }} />
            </div>
            {modeError || csv.fieldErrors.syncMode ? (
              <p id="pull-sync-mode-error" className="mt-2 text-sm font-medium text-red-700">
                {modeError ?? csv.fieldErrors.syncMode}
              </p>
            ) : null}
          </fieldset>
          {source === "google" ? (
            <div>
              <p className="text-sm text-zinc-600">
                A Google Workspace super admin signs in with Google and allows read-only access to users, groups and group members. Rollcall never changes anything in Google.
              </p>
              <GoogleConnectButton syncMode={mode} onMissingMode={missingMode} />
            </div>
          ) : (
            <div className="flex flex-col items-start gap-3">
              {csv.formError || csv.fieldErrors.source ? <Alert tone="danger">{csv.formError ?? csv.fieldErrors.source}</Alert> : null}
              <Button
                loading={csv.pending}
                onClick={async () => {
                  if (!mode) return missingMode();
                  const data = await csv.run({ syncMode: mode });
                  if (data) router.refresh();
                }}
              >
                Set up CSV imports
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
