"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui";

/**
 * A button that asks before it acts, in a native <dialog>: focus moves into it, Escape cancels, and focus
 * returns to the button afterwards.
 */
export function ConfirmButton({
  children, title, description, confirmLabel, onConfirm, pending, variant = "danger", size = "sm", typeToConfirm,
}: {
  children: ReactNode; title: string; description: ReactNode; confirmLabel: string; onConfirm: () => void; pending?: boolean; variant?: ButtonProps["variant"]; size?: ButtonProps["size"];
  /** For what cannot be undone: the confirm button stays disabled until this exact text is typed (GitHub's pattern). */
  typeToConfirm?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const confirmed = typeToConfirm === undefined || typed.trim() === typeToConfirm;
  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);
  return (
    <>
      <Button variant={variant} size={size} loading={pending} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <dialog ref={dialog} onClose={() => setOpen(false)} aria-labelledby="confirm-title" className="m-auto w-full max-w-md rounded-xl border border-zinc-200 p-0 shadow-xl backdrop:bg-zinc-950/40">
        <div className="flex flex-col gap-3 p-5">
          <h2 id="confirm-title" className="text-base font-semibold text-zinc-900">{title}</h2>
          <div className="text-sm text-zinc-700">{description}</div>
          {typeToConfirm !== undefined && open ? (
            <label className="flex flex-col gap-1 text-sm text-zinc-700">
              <span>
                Type <strong className="break-all text-zinc-900">{typeToConfirm}</strong> to confirm
              </span>
              <input
                className="rounded-md border border-zinc-300 px-3 py-2 text-sm"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </label>
          ) : null}
          <div className="mt-2 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
              Cancel
            </Button>
            <Button
              variant={variant === "danger" ? "danger" : "primary"}
              disabled={!confirmed}
              onClick={() => {
                setOpen(false);
                setTyped("");
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
