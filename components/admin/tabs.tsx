"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui";

/** Sub-page navigation (a directory's users, groups, sync log…): links, so each tab has its own URL. */
export type TabItem = {
  href: string;
  label: string;
  /** Current only on its own URL, not on the pages below it. */
  exact?: boolean;
  /** Other paths (and the pages below them) under which this tab is current too. */
  also?: string[];
};

export function Tabs({ label, items, className = "border-b border-zinc-200" }: { label: string; items: TabItem[]; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={className}>
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items.map((item) => {
          const within = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
          const current = item.exact ? pathname === item.href : within(item.href) || (item.also ?? []).some(within);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  current ? "border-brand-600 text-brand-700" : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
