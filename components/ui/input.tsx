import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlClassName } from "./control-styles";

export type InputProps = ComponentProps<"input">;

/** A text-like input. Give it a label: wrap it in <Field>, or pair it with <Label htmlFor>. */
export function Input({ className, type = "text", ...props }: InputProps) {
  return <input type={type} className={cn(controlClassName, "h-10 read-only:bg-zinc-50", className)} {...props} />;
}
