"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * The step's h1. It takes focus when the step opens, so a keyboard or screen-reader user who moved on lands at
 * the top of the new step instead of on a button that no longer exists.
 */
export function StepHeading({ children, description }: { children: ReactNode; description?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <div className="space-y-2">
      <h1 ref={ref} tabIndex={-1} className="text-2xl font-bold tracking-tight text-zinc-950 outline-none focus-visible:outline-2 sm:text-3xl">
        {children}
      </h1>
      {description ? <p className="max-w-2xl text-base text-zinc-600">{description}</p> : null}
    </div>
  );
}
