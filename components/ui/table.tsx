import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type TableProps = ComponentProps<"table"> & {
  /** The table's accessible name. Also labels the scroll region, so keyboard users can scroll it on phones. */
  caption?: string;
  /** Keep the caption for screen readers only, when a visible heading already names the table. */
  hideCaption?: boolean;
};

export function Table({ caption, hideCaption = false, className, children, ...props }: TableProps) {
  return (
    // A scrollable region must be focusable to be scrollable by keyboard (WCAG 2.1.1), and a focusable
    // region needs a name, so both are only added when there is a caption to name it by. `relative` makes the
    // region the containing block of the screen-reader-only labels inside it (position: absolute), which
    // otherwise escape the scroll region and widen the whole page on a phone.
    <div
      className="relative w-full overflow-x-auto rounded-lg border border-zinc-200 bg-white"
      role={caption ? "region" : undefined}
      aria-label={caption}
      tabIndex={caption ? 0 : undefined}
    >
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props}>
        {caption ? (
          <caption className={cn(hideCaption ? "sr-only" : "px-4 py-3 text-left text-sm font-medium text-zinc-900")}>
            {caption}
          </caption>
        ) : null}
        {children}
      </table>
    </div>
  );
}

export type THeadProps = ComponentProps<"thead">;

export function THead({ className, ...props }: THeadProps) {
  return <thead className={cn("border-b border-zinc-200 bg-zinc-50", className)} {...props} />;
}

export type TBodyProps = ComponentProps<"tbody">;

export function TBody({ className, ...props }: TBodyProps) {
  return <tbody className={cn("divide-y divide-zinc-100", className)} {...props} />;
}

export type TRProps = ComponentProps<"tr">;

export function TR({ className, ...props }: TRProps) {
  return <tr className={cn("align-top", className)} {...props} />;
}

export type THProps = ComponentProps<"th">;

export function TH({ className, scope = "col", ...props }: THProps) {
  return (
    <th
      scope={scope}
      className={cn("px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-zinc-600 uppercase", className)}
      {...props}
    />
  );
}

export type TDProps = ComponentProps<"td">;

export function TD({ className, ...props }: TDProps) {
  return <td className={cn("px-4 py-3 text-zinc-700", className)} {...props} />;
}

export type TableEmptyRowProps = {
  /** The number of columns in the table, so the message spans the full width. */
  colSpan: number;
  children: ReactNode;
};

/** The only row of a table with nothing in it. Say why it is empty and what to do next. */
export function TableEmptyRow({ colSpan, children }: TableEmptyRowProps) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-4 py-10 text-center text-sm text-zinc-500">
        {children}
      </td>
    </tr>
  );
}
