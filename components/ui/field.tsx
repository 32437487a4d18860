import { useId, type ReactNode } from "react";
import { cn } from "./cn";
import { Label } from "./label";

/** Spread these onto the control so its label, hint and error are announced with it. */
export type FieldControlProps = {
  id: string;
  required?: boolean;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

export type FieldProps = {
  label: ReactNode;
  /** Renders the control. A function rather than a child element so the wiring is explicit and typed. */
  children: (control: FieldControlProps) => ReactNode;
  /** Defaults to a generated id; pass one when a test or a fragment link needs a stable id. */
  id?: string;
  hint?: ReactNode;
  /** Field-level error. Say what is wrong and how to fix it ("Use lowercase letters, digits and dashes"). */
  error?: ReactNode;
  required?: boolean;
  className?: string;
};

/**
 * A labelled control with an optional hint and error. Not a client component on purpose: its children is a
 * function, which could not cross the server-to-client boundary, so Field works in server and client trees alike.
 */
export function Field({ label, children, id, hint, error, required = false, className }: FieldProps) {
  const generatedId = useId();
  const controlId = id ?? `field${generatedId}`;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const hasError = error !== undefined && error !== null && error !== false && error !== "";
  const describedBy = [hint ? hintId : null, hasError ? errorId : null].filter(Boolean).join(" ");

  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={controlId} required={required}>
        {label}
      </Label>
      {children({
        id: controlId,
        required: required || undefined,
        "aria-describedby": describedBy || undefined,
        "aria-invalid": hasError ? true : undefined,
      })}
      {hint ? (
        <p id={hintId} className="text-sm text-zinc-500">
          {hint}
        </p>
      ) : null}
      {hasError ? (
        <p id={errorId} className="flex items-start gap-1.5 text-sm font-medium text-red-700">
          <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
            <path
              fillRule="evenodd"
              d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}
