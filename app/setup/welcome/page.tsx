import type { Metadata } from "next";
import { CompleteStepButton } from "@/components/setup/complete-step-button";
import { StepHeading } from "@/components/setup/step-heading";
import { Card, CardContent } from "@/components/ui";
import { loadPortal } from "@/components/setup/load-portal";

export const metadata: Metadata = { title: "Welcome" };

const PARTS = {
  sso: { title: "Single sign-on", text: "Your people sign in with your identity provider, over SAML 2.0 or OpenID Connect.", minutes: 10 },
  dsync: {
    title: "Directory sync",
    text: "Your identity provider creates, updates and deactivates accounts over SCIM 2.0, so leavers lose access the moment you remove them.",
    minutes: 10,
  },
} as const;

export default async function WelcomePage() {
  const portal = await loadPortal("welcome");
  if (!portal.ok) return portal.page;
  const { intent } = portal.principal.setupLink;
  const parts = intent === "all" ? [PARTS.sso, PARTS.dsync] : [PARTS[intent]];
  const minutes = parts.reduce((sum, part) => sum + part.minutes, 0);
  return portal.frame(
    <div className="space-y-8">
      <StepHeading description="This page walks you through connecting your identity provider, one step at a time. You will need an administrator account for it.">
        Welcome, <span className="break-words">{portal.principal.organization.name}</span>
      </StepHeading>
      <Card>
        <CardContent className="space-y-5 py-5">
          <h2 className="text-base font-semibold text-zinc-900">What you will set up</h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {parts.map((part, index) => (
              <li key={part.title} className="flex gap-3">
                <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700 ring-1 ring-brand-200">
                  {index + 1}
                </span>
                <div>
                  <h3 className="font-semibold text-zinc-900">{part.title}</h3>
                  <p className="mt-1 text-zinc-600">{part.text}</p>
                </div>
              </li>
            ))}
          </ul>
          <dl className="grid gap-3 border-t border-zinc-100 pt-4 sm:grid-cols-2">
            <div>
              <dt className="text-zinc-500">Time it takes</dt>
              <dd className="font-medium text-zinc-900">About {minutes} minutes</dd>
            </div>
            <div>
              <dt className="text-zinc-500">You can stop at any time</dt>
              <dd className="font-medium text-zinc-900">Open the same link to carry on where you left off</dd>
            </div>
          </dl>
        </CardContent>
      </Card>
      <CompleteStepButton step="welcome">Get started</CompleteStepButton>
    </div>,
  );
}
