import type { SetupIntent } from "@/lib/db/generated/client";

/** The wizard's steps, in order. Their names are their paths: `/setup/<step>`. */
export const WIZARD_STEPS = ["welcome", "provider", "sso", "directory-sync", "test", "done"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_LABELS: Record<WizardStep, string> = {
  welcome: "Welcome",
  provider: "Identity provider",
  sso: "Single sign-on",
  "directory-sync": "Directory sync",
  test: "Test",
  done: "Done",
};

/** A link issued for one purpose shows only its steps: an `sso` link never offers directory sync, and the reverse. */
export function stepsForIntent(intent: SetupIntent): WizardStep[] {
  if (intent === "sso") return ["welcome", "provider", "sso", "done"];
  if (intent === "dsync") return ["welcome", "provider", "directory-sync", "test", "done"];
  return [...WIZARD_STEPS];
}

export function isWizardStep(value: string): value is WizardStep {
  return (WIZARD_STEPS as readonly string[]).includes(value);
}

export function stepPath(step: WizardStep): string {
  return `/setup/${step}`;
}

/** Where a returning admin lands: the first step of the link's list not done yet, else the live overview. */
export function resumeStep(intent: SetupIntent, completedSteps: readonly string[]): WizardStep {
  return stepsForIntent(intent).find((step) => step !== "done" && !completedSteps.includes(step)) ?? "done";
}

/** The step after `step` in the link's list. */
export function nextStep(intent: SetupIntent, step: WizardStep): WizardStep {
  const steps = stepsForIntent(intent);
  return steps[steps.indexOf(step) + 1] ?? "done";
}

export function previousStep(intent: SetupIntent, step: WizardStep): WizardStep | undefined {
  const steps = stepsForIntent(intent);
  const index = steps.indexOf(step);
  return index > 0 ? steps[index - 1] : undefined;
}
