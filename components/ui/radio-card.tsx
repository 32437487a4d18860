import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type RadioCardProps = Omit<ComponentProps<"input">, "type" | "title"> & {
  title: ReactNode;
  description?: ReactNode;
  /** Something beside the title, such as a Badge. */
  aside?: ReactNode;
};

/**
 * One choice of a radio group, drawn as a card. A native radio inside its label: arrow keys move between the
 * choices of the group and Space selects, with no script. Group them in a <fieldset> with a <legend>.
 */
export function RadioCard({ title, description, aside, className, id, ...props }: RadioCardProps) {
  return (
    <label
      htmlFor={id}
      className={cn(
        "relative flex cursor-pointer gap-3 rounded-lg border border-zinc-300 bg-white p-4 shadow-sm transition-colors hover:border-zinc-400",
        "has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50/60 has-[:checked]:ring-1 has-[:checked]:ring-brand-600",
        "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600",
        "has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60",
        className,
      )}
    >
      <input
        type="radio"
        id={id}
        // The card draws the focus ring; the input's own would sit inside it.
        className="mt-0.5 size-4 shrink-0 accent-brand-600 focus-visible:outline-none"
        {...props}
      />
      <span className="min-w-0 flex-1">
        <span className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-semibold text-zinc-900">{title}</span>
          {aside}
        </span>
        {description ? <span className="mt-1 block text-sm text-zinc-600">{description}</span> : null}
      </span>
    </label>
  );
}
