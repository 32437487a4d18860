import type { ReactNode } from "react";
import type { StepItem } from "@/components/ui";
import { config } from "@/lib/config";
import { readPortalSession, type PortalPrincipal } from "@/lib/http/portal-page-session";
import { getSetupProgress, type SetupProgressView } from "@/lib/portal/get-setup-progress";
import { STEP_LABELS, stepPath, stepsForIntent, type WizardStep } from "@/lib/portal/wizard-steps";
import { LinkProblem } from "./link-problem";
import { PortalFrame } from "./portal-frame";

export type LoadedPortal = {
  ok: true;
  principal: PortalPrincipal;
  progress: SetupProgressView;
  /** Wraps a step's content in the portal chrome, with the step indicator at `step`. */
  frame: (children: ReactNode) => ReactNode;
};

/**
 * Everything a wizard page needs: the session from the cookie, the saved progress and the link's steps. A
 * page outside the link's intent (directory sync on an `sso` link) gets a message instead of the form.
 */
export async function loadPortal(step: WizardStep): Promise<LoadedPortal | { ok: false; page: ReactNode }> {
  const session = await readPortalSession();
  if (!session.valid) return { ok: false, page: <LinkProblem kind="session-ended" reason={session.reason} contact={config().supportContact} /> };
  const { principal } = session;
  const progress = await getSetupProgress({ organizationId: principal.organization.id });
  const ids = stepsForIntent(principal.setupLink.intent);
  const steps: StepItem[] = ids.map((id) => ({ label: STEP_LABELS[id], href: stepPath(id), complete: progress.completedSteps.includes(id) }));
  const current = ids.indexOf(step);
  const frame = (children: ReactNode) => (
    <PortalFrame organizationName={principal.organization.name} steps={steps} current={Math.max(current, 0)} linkExpiresAt={principal.setupLink.expiresAt}>
      {children}
    </PortalFrame>
  );
  if (current === -1) {
    return {
      ok: false,
      page: frame(
        <div className="mx-auto max-w-xl space-y-3 text-center">
          <h1 className="text-2xl font-bold text-zinc-950">This step is not part of your setup link</h1>
          <p className="text-zinc-600">
            The link you were sent is for {principal.setupLink.intent === "sso" ? "single sign-on" : "directory sync"} only. Ask for a new link to
            set up the rest.
          </p>
        </div>,
      ),
    };
  }
  return { ok: true, principal, progress, frame };
}
