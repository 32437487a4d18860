import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  title: ReactNode;
  description?: ReactNode;
  /** A decorative icon; it is hidden from assistive technology. */
  icon?: ReactNode;
  /** The next step, usually a Button or LinkButton. */
  action?: ReactNode;
  titleAs?: "h2" | "h3" | "h4";
  className?: string;
};

export function EmptyState({ title, description, icon, action, titleAs: Heading = "h3", className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center",
        className,
      )}
    >
      {icon ? (
        <div aria-hidden="true" className="mb-4 flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
          {icon}
        </div>
      ) : null}
      <Heading className="text-base font-semibold text-zinc-900">{title}</Heading>
      {description ? <p className="mt-1 max-w-md text-sm text-zinc-600">{description}</p> : null}
      {action ? <div className="mt-6 flex flex-wrap justify-center gap-3">{action}</div> : null}
    </div>
  );
}
