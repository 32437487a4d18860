export type ClassValue = string | false | null | undefined;

/** Joins the truthy class names. Tiny on purpose: no conflict merging, so put overrides last and keep them unambiguous. */
export function cn(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(" ");
}
