import Link from "next/link";
import { cn } from "./cn";

export type StepItem = {
  label: string;
  description?: string;
  /** Lets the user go back to a completed step. Ignored for the current and upcoming steps. */
  href?: string;
  /**
   * Whether the step is done, when that is known apart from the position (a wizard whose steps can be
   * revisited: going back to step 2 leaves steps 3 and 4 done). Defaults to "before the current step".
   */
  complete?: boolean;
};

export type StepState = "complete" | "current" | "upcoming";

export type StepsProps = {
  steps: readonly StepItem[];
  /** Zero-based index of the current step. Steps before it are complete; steps.length marks all complete. */
  current: number;
  /** Names the navigation landmark, e.g. "Setup progress". */
  label?: string;
  className?: string;
};

const srState: Record<StepState, string> = {
  complete: " (completed)",
  current: " (current step)",
  upcoming: " (not started)",
};

const labelColour: Record<StepState, string> = {
  complete: "text-zinc-900",
  current: "text-brand-700",
  upcoming: "text-zinc-500",
};

export function Steps({ steps, current, label = "Progress", className }: StepsProps) {
  const active = steps[current];
  return (
    <nav aria-label={label} className={className}>
      {/* At phone width the labels do not fit beside each other, so the current one is spelled out here. */}
      {active ? (
        <p aria-hidden="true" className="mb-3 text-sm font-medium text-zinc-700 sm:hidden">
          {`Step ${current + 1} of ${steps.length}: `}
          <span className="text-zinc-900">{active.label}</span>
        </p>
      ) : null}
      <ol className="flex w-full items-start">
        {steps.map((step, index) => {
          const state: StepState = index === current ? "current" : (step.complete ?? index < current) ? "complete" : "upcoming";
          const isLast = index === steps.length - 1;
          const content = (
            <>
              <StepMarker state={state} number={index + 1} />
              <span className="sr-only sm:not-sr-only sm:mt-2 sm:block sm:pr-4">
                <span
                  className={cn("block text-sm font-medium", labelColour[state])}
                >
                  {step.label}
                </span>
                {step.description ? <span className="block text-xs text-zinc-500">{step.description}</span> : null}
                <span className="sr-only">{srState[state]}</span>
              </span>
            </>
          );
          return (
            <li
              key={`${index}-${step.label}`}
              aria-current={state === "current" ? "step" : undefined}
              className={cn("relative min-w-0", isLast ? "flex-none" : "flex-1")}
            >
              {isLast ? null : (
                // Positioned rather than in the flow, so the link around marker and label stays one piece.
                <span
                  aria-hidden="true"
                  className={cn(
                    "absolute top-[15px] right-2 left-10 h-0.5 rounded-full",
                    state === "complete" ? "bg-brand-600" : "bg-zinc-200",
                  )}
                />
              )}
              {state === "complete" && step.href ? (
                <Link href={step.href} className="inline-block max-w-full rounded-md align-top hover:[&_span]:underline">
                  {content}
                </Link>
              ) : (
                <div className="max-w-full">{content}</div>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function StepMarker({ state, number }: { state: StepState; number: number }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold tabular-nums",
        state === "complete" && "bg-brand-600 text-white",
        state === "current" && "border-2 border-brand-600 bg-white text-brand-700",
        state === "upcoming" && "border-2 border-zinc-300 bg-white text-zinc-500",
      )}
    >
      {state === "complete" ? (
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" focusable="false">
          <path
            fillRule="evenodd"
            d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
            clipRule="evenodd"
          />
        </svg>
      ) : (
        number
      )}
    </span>
  );
}
