"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui";

const ITEMS = [
  { href: "/admin/organizations", label: "Organisations", match: ["/admin/organizations", "/admin/directories"] },
  { href: "/admin/sync-log", label: "Sync log", match: ["/admin/sync-log"] },
  { href: "/admin/audit", label: "Audit trail", match: ["/admin/audit"] },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {ITEMS.map((item) => {
          const current = item.match.some((m) => pathname === m || pathname.startsWith(`${m}/`));
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap",
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
