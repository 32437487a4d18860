"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Badge, Button, Card, CardContent, CardFooter, CardHeader, CardTitle, Checkbox, CopyField, LinkButton } from "@/components/ui";
import { completeSetupStepAction } from "@/lib/actions/portal/complete-setup-step";
import { setUpDirectorySyncAction } from "@/lib/actions/portal/set-up-directory-sync";
import { PROVIDER_GROUPS_OFF } from "@/lib/audit/sync-log-vocabulary";
import { upperFirst, type ProviderGuide } from "@/lib/portal/provider-guides";
import { AttributeMapping } from "./attribute-mapping";
import { ProviderSteps } from "./provider-steps";
import { SYNC_MODE_NAMES, SyncModeOptions, type SyncMode } from "./sync-mode-options";
import { usePortalAction } from "./use-portal-action";

export type ExistingDirectory = { syncMode: SyncMode; scimBaseUrl: string; tokenPrefixes: string[] };

export function DirectorySyncForm({ guide, existing, skipHref }: { guide: ProviderGuide; existing: ExistingDirectory | null; skipHref: string }) {
  const router = useRouter();
  const [mode, setMode] = useState<SyncMode | null>(existing?.syncMode ?? null);
  const [issued, setIssued] = useState<{ token: string; scimBaseUrl: string } | null>(null);
  const [stored, setStored] = useState(false);
  const setUp = usePortalAction(setUpDirectorySyncAction);
  const complete = usePortalAction(completeSetupStepAction);
  const f = guide.fields;
  const baseUrl = issued?.scimBaseUrl ?? existing?.scimBaseUrl;

  async function generate() {
    if (!mode) {
      setUp.setFieldErrors({ syncMode: "Choose a sync mode first." });
      return;
    }
    const data = await setUp.run({ syncMode: mode });
    if (data) setIssued({ token: data.token, scimBaseUrl: data.scimBaseUrl });
  }

  async function next() {
    const data = await complete.run({ step: "directory-sync" });
    if (data) router.push(data.next);
  }

  return (
    <div className="space-y-8">
      {!guide.scimSupported ? (
        <Alert tone="warning" title={`${upperFirst(guide.name)} cannot push users to this application`} actions={<LinkButton href={skipHref} variant="secondary" size="sm">Skip directory sync</LinkButton>}>
          {guide.limitations.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </Alert>
      ) : null}

      <fieldset aria-describedby={setUp.fieldErrors.syncMode ? "sync-mode-error" : undefined}>
        <legend className="text-base font-semibold text-zinc-900">Sync mode</legend>
        <p className="mt-1 text-sm text-zinc-600">You can change it later on the Done page; it applies from the next request.</p>
        <div className="mt-3">
          <SyncModeOptions providerName={guide.name} groupsOff={PROVIDER_GROUPS_OFF[guide.id]} value={mode} onChange={setMode} disabled={existing !== null || issued !== null} />
        </div>
        {setUp.fieldErrors.syncMode ? (
          <p id="sync-mode-error" className="mt-2 text-sm font-medium text-red-700">
            {setUp.fieldErrors.syncMode}
          </p>
        ) : null}
      </fieldset>

      <Card>
        <CardHeader>
          <CardTitle>Connection details for {guide.name}</CardTitle>
          {existing && !issued ? (
            <p className="text-sm text-zinc-600">
              Directory sync is set up in <strong className="font-medium text-zinc-900">{SYNC_MODE_NAMES[existing.syncMode]}</strong> mode.
            </p>
          ) : null}
        </CardHeader>
        <CardContent className="space-y-2">
          {baseUrl ? (
            <CopyField id="scim-base-url" label={f.scimBaseUrl} value={baseUrl} hint="Our SCIM base URL for your directory." />
          ) : (
            <p className="text-zinc-600">Choose a sync mode, then generate the SCIM base URL and a token for {guide.name}.</p>
          )}
          {issued ? (
            <>
              <CopyField id="scim-token" label={f.scimToken} value={issued.token} hint="The SCIM bearer token." />
              <Alert tone="warning" title="Store this token now">
                It is shown only this once; we keep only a fingerprint of it. If you lose it, get a new one with Rotate token on the Done page.
              </Alert>
            </>
          ) : existing ? (
            <div className="space-y-1">
              <p className="text-sm font-medium text-zinc-900">{f.scimToken}</p>
              <p className="text-sm text-zinc-600">
                {existing.tokenPrefixes.length > 0 ? (
                  <>
                    In use: {existing.tokenPrefixes.map((prefix) => <Badge key={prefix} className="mr-1 font-mono">{`${prefix}…`}</Badge>)} Tokens are shown
                    only once; to get a new one, use Rotate token on the Done page.
                  </>
                ) : (
                  "No token works right now. Get a new one with Rotate token on the Done page."
                )}
              </p>
            </div>
          ) : null}
          {setUp.formError ? <Alert tone="danger">{setUp.formError}</Alert> : null}
        </CardContent>
        <CardFooter>
          {issued ? (
            <Checkbox id="token-stored" checked={stored} onChange={(e) => setStored(e.target.checked)} label={`I have stored the token in ${guide.name}`} />
          ) : existing ? (
            <LinkButton href="/setup/done" variant="secondary">
              Go to the Done page
            </LinkButton>
          ) : (
            <Button onClick={generate} loading={setUp.pending}>
              Generate SCIM URL and token
            </Button>
          )}
        </CardFooter>
      </Card>

      <ProviderSteps title={`In ${guide.name}`} steps={guide.scimSupported ? [...guide.scimSteps, ...(mode === "DEPROVISION_ONLY" ? guide.deprovisionOnlySteps : mode === "FULL" ? guide.fullModeSteps : [])] : guide.scimSteps} />

      <AttributeMapping providerName={guide.name} rows={guide.attributeMapping} />

      {complete.formError ? <Alert tone="danger">{complete.formError}</Alert> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button size="lg" onClick={next} loading={complete.pending} disabled={issued ? !stored : !existing}>
          Continue
        </Button>
        <LinkButton href={skipHref} variant="ghost" size="lg">
          Skip for now
        </LinkButton>
        {issued && !stored ? <p className="text-sm text-zinc-500">Confirm that you stored the token to continue.</p> : null}
      </div>
    </div>
  );
}
