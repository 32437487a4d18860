"use client";

import { useRouter } from "next/navigation";
import { Alert, Button } from "@/components/ui";
import { completeSetupStepAction } from "@/lib/actions/portal/complete-setup-step";
import type { WizardStep } from "@/lib/portal/wizard-steps";
import { usePortalAction } from "./use-portal-action";

/** Saves a step that holds nothing else, then moves to the next one. */
export function CompleteStepButton({ step, children, disabled }: { step: WizardStep; children: React.ReactNode; disabled?: boolean }) {
  const router = useRouter();
  const { run, pending, formError } = usePortalAction(completeSetupStepAction);
  return (
    <div className="flex flex-col items-start gap-3">
      {formError ? <Alert tone="danger">{formError}</Alert> : null}
      <Button
        size="lg"
        loading={pending}
        disabled={disabled}
        onClick={async () => {
          const data = await run({ step });
          if (data) router.push(data.next);
        }}
      >
        {children}
      </Button>
    </div>
  );
}
