import Link from "next/link";
import type { ComponentProps } from "react";
import { buttonClassName, type ButtonSize, type ButtonVariant } from "./button-styles";

export type LinkButtonProps = ComponentProps<typeof Link> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
};

/**
 * A page link styled as a button; it stays a link so "open in new tab" and the link role keep working.
 * For URLs that are not pages (route handlers such as /api/health, downloads, other sites) use a plain
 * `<a className={buttonClassName({ variant })}>`: the client router would otherwise fetch them as a page first.
 */
export function LinkButton({ variant, size, className, ...props }: LinkButtonProps) {
  return <Link className={buttonClassName({ variant, size, className })} {...props} />;
}
