import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  label: ReactNode;
  hint?: ReactNode;
};

/** A native checkbox with its label beside it; the label is the hit area, so it is easy to tap on a phone. */
export function Checkbox({ label, hint, className, id, ...props }: CheckboxProps) {
  return (
    <label htmlFor={id} className={cn("flex cursor-pointer items-start gap-3 text-sm", className)}>
      <input type="checkbox" id={id} className="mt-0.5 size-4 shrink-0 rounded accent-brand-600" {...props} />
      <span>
        <span className="font-medium text-zinc-900">{label}</span>
        {hint ? <span className="mt-0.5 block text-zinc-600">{hint}</span> : null}
      </span>
    </label>
  );
}
