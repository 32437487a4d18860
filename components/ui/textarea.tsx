import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlClassName } from "./control-styles";

export type TextareaProps = ComponentProps<"textarea">;

/** A multi-line input. Give it a label: wrap it in <Field>, or pair it with <Label htmlFor>. */
export function Textarea({ className, rows = 4, ...props }: TextareaProps) {
  return <textarea rows={rows} className={cn(controlClassName, "py-2 leading-relaxed read-only:bg-zinc-50", className)} {...props} />;
}
