import type { ReactNode } from "react";
import { RollcallMark } from "@/components/site-header";
import { SkipLink, Steps, type StepItem } from "@/components/ui";

export type PortalFrameProps = {
  organizationName: string;
  /** Omitted on pages outside the wizard (link problems, session ended). */
  steps?: StepItem[];
  current?: number;
  linkExpiresAt?: Date;
  children: ReactNode;
};

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The portal's chrome: who it is for, where the admin is in the wizard, and until when the link works. */
export function PortalFrame({ organizationName, steps, current = 0, linkExpiresAt, children }: PortalFrameProps) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-zinc-200 bg-white">
        <SkipLink />
        <div className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
          <div className="flex shrink-0 items-center gap-2.5">
            <RollcallMark className="size-8 shrink-0" />
            <span className="text-base font-semibold tracking-tight text-zinc-900">Rollcall</span>
            <span aria-hidden="true" className="hidden text-zinc-300 sm:inline">
              /
            </span>
            <span className="hidden text-sm text-zinc-600 sm:inline">Setup</span>
          </div>
          <p className="min-w-0 truncate text-right text-sm font-medium text-zinc-900" title={organizationName}>
            <span className="sr-only">Organisation: </span>
            {organizationName}
          </p>
        </div>
      </header>
      {steps ? (
        <div className="border-b border-zinc-200 bg-white/60">
          <div className="mx-auto max-w-5xl px-4 py-5 sm:px-6">
            <Steps steps={steps} current={current} label="Setup steps" />
          </div>
        </div>
      ) : null}
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
      <footer className="border-t border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-col gap-1 px-4 py-5 text-sm text-zinc-500 sm:flex-row sm:justify-between sm:px-6">
          <p>Your progress is saved as you go.</p>
          {linkExpiresAt ? (
            <p>
              This setup link works until{" "}
              <time dateTime={linkExpiresAt.toISOString()} className="font-medium text-zinc-700">
                {dateFormat.format(linkExpiresAt)}
              </time>
              .
            </p>
          ) : null}
        </div>
      </footer>
    </div>
  );
}

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}
