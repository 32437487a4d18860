"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { Label } from "./label";

export type CopyFieldProps = {
  label: string;
  value: string;
  hint?: string;
  /** Defaults to a generated id; pass one when a test or a fragment link needs a stable id. */
  id?: string;
  className?: string;
};

type CopyState = "idle" | "copied" | "failed";

/** A read-only value (SCIM URL, token, setup link) with a Copy button. */
export function CopyField({ label, value, hint, id, className }: CopyFieldProps) {
  const generatedId = useId();
  const inputId = id ?? `copy${generatedId}`;
  const hintId = `${inputId}-hint`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      // navigator.clipboard only exists in secure contexts; a self-hosted install on plain http has none.
      if (!navigator.clipboard) throw new Error("Clipboard unavailable");
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // Leave the text selected so the user can still copy it by hand.
      inputRef.current?.focus();
      inputRef.current?.select();
      setState("failed");
    }
  }

  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={inputId}>{label}</Label>
      <div className="flex gap-2">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          readOnly
          value={value}
          aria-describedby={hint ? hintId : undefined}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
          className="block h-10 w-full min-w-0 flex-1 truncate rounded-md border border-zinc-300 bg-zinc-50 px-3 font-mono text-sm text-zinc-900 shadow-sm focus:border-brand-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-500/40"
        />
        <Button variant="secondary" onClick={copy}>
          {state === "copied" ? (
            <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-emerald-600">
              <path
                fillRule="evenodd"
                d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
                clipRule="evenodd"
              />
            </svg>
          ) : (
            <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" fill="currentColor" className="size-4">
              <path d="M7 3.5A1.5 1.5 0 0 1 8.5 2h3.879a1.5 1.5 0 0 1 1.06.44l3.122 3.12A1.5 1.5 0 0 1 17 6.622V12.5a1.5 1.5 0 0 1-1.5 1.5h-1v-3.379a3 3 0 0 0-.879-2.121L10.5 5.379A3 3 0 0 0 8.379 4.5H7v-1Z" />
              <path d="M4.5 6A1.5 1.5 0 0 0 3 7.5v9A1.5 1.5 0 0 0 4.5 18h7a1.5 1.5 0 0 0 1.5-1.5v-5.879a1.5 1.5 0 0 0-.44-1.06L9.44 6.439A1.5 1.5 0 0 0 8.378 6H4.5Z" />
            </svg>
          )}
          Copy<span className="sr-only"> {label}</span>
        </Button>
      </div>
      {hint ? (
        <p id={hintId} className="text-sm text-zinc-500">
          {hint}
        </p>
      ) : null}
      {/* Always mounted: a live region must exist before its text changes, or screen readers miss it. */}
      <p role="status" aria-live="polite" className={cn("min-h-5 text-sm", state === "failed" ? "text-amber-800" : "text-emerald-700")}>
        {state === "copied" ? "Copied" : state === "failed" ? "Could not copy automatically. The text is selected: press Ctrl+C (⌘C on a Mac)." : ""}
      </p>
    </div>
  );
}
