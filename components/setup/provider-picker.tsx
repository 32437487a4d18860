"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Badge, Button, RadioCard } from "@/components/ui";
import { chooseProviderAction } from "@/lib/actions/portal/choose-provider";
import type { DirectoryProvider } from "@/lib/db/generated/client";
import type { ProviderGuide } from "@/lib/portal/provider-guides";
import { usePortalAction } from "./use-portal-action";

export type ProviderOption = Pick<ProviderGuide, "id" | "name" | "pickerName" | "tagline" | "limitations" | "scimSupported">;

export function ProviderPicker({ options, initial, showScimLimits }: { options: ProviderOption[]; initial: DirectoryProvider | null; showScimLimits: boolean }) {
  const router = useRouter();
  const [provider, setProvider] = useState<DirectoryProvider | null>(initial);
  const { run, pending, formError, fieldErrors } = usePortalAction(chooseProviderAction);
  const chosen = options.find((option) => option.id === provider);
  const error = fieldErrors.provider ?? formError;

  return (
    <form
      className="space-y-6"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!provider) return;
        const data = await run({ provider });
        if (data) router.push(data.next);
      }}
    >
      <fieldset aria-describedby={error ? "provider-error" : undefined}>
        <legend className="text-base font-semibold text-zinc-900">Which identity provider do your people sign in with?</legend>
        <div className="mt-4 grid gap-3 sm:grid-cols-2">
          {options.map((option) => (
            <RadioCard
              key={option.id}
              id={`provider-${option.id}`}
              name="provider"
              value={option.id}
              checked={provider === option.id}
              onChange={() => setProvider(option.id)}
              title={option.pickerName ?? option.name}
              description={option.tagline}
              aside={showScimLimits && !option.scimSupported ? <Badge tone="warning">SSO only</Badge> : null}
            />
          ))}
        </div>
      </fieldset>
      {chosen && chosen.limitations.length > 0 ? (
        <Alert tone={chosen.scimSupported ? "info" : "warning"} title={`What ${chosen.name} cannot do`}>
          <ul className="list-disc space-y-1 pl-5">
            {chosen.limitations.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {error ? (
        <Alert tone="danger" id="provider-error">
          {error}
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="lg" loading={pending} disabled={!provider}>
          Continue
        </Button>
        {!provider ? <p className="text-sm text-zinc-500">Choose a provider to continue.</p> : null}
      </div>
    </form>
  );
}
