import Link from "next/link";
import { buttonClassName } from "@/components/ui";

/**
 * Keyset paging: "Next" carries the last row's id as `after`; "First page" drops it. There is no page
 * number, because counting rows to reach page N is exactly what a 100,000-row list must not do.
 */
export function Pager({ basePath, params, nextCursor, cursorName = "after", label }: { basePath: string; params: Record<string, string | undefined>; nextCursor: string | null; cursorName?: string; label: string }) {
  const onLaterPage = Boolean(params[cursorName]);
  if (!nextCursor && !onLaterPage) return null;
  const href = (cursor: string | null) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== cursorName) search.set(k, v);
    if (cursor) search.set(cursorName, cursor);
    const qs = search.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 pt-3">
      {onLaterPage ? (
        <Link href={href(null)} className={buttonClassName({ variant: "secondary", size: "sm" })}>
          First page
        </Link>
      ) : (
        <span />
      )}
      {nextCursor ? (
        <Link href={href(nextCursor)} className={buttonClassName({ variant: "secondary", size: "sm" })}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
