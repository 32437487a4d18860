import Link from "next/link";
import { buttonClassName, SkipLink } from "@/components/ui";

/** The public pages' header. The setup portal and the admin console have their own. */
export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75">
      <SkipLink />
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6 lg:px-8">
        <Link href="/" className="flex items-center gap-2.5 rounded-md text-zinc-900">
          <RollcallMark />
          <span className="text-base font-semibold tracking-tight">Rollcall</span>
        </Link>
        <nav aria-label="Main">
          <ul className="flex items-center gap-1 sm:gap-2">
            {/* Route handlers, not pages: plain anchors so the client router does not fetch them as pages. */}
            <li className="hidden sm:block">
              <a href="/api/v1/openapi.json" className={buttonClassName({ variant: "ghost", size: "sm" })}>
                API
              </a>
            </li>
            <li className="hidden sm:block">
              <a href="/api/health" className={buttonClassName({ variant: "ghost", size: "sm" })}>
                Health
              </a>
            </li>
            <li>
              <Link href="/admin" className={buttonClassName({ variant: "secondary", size: "sm" })}>
                Admin console
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function RollcallMark({ className = "size-8" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className={className}>
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <circle cx="10" cy="11" r="2" className="fill-white" />
      <circle cx="10" cy="16" r="2" className="fill-white" />
      <circle cx="10" cy="21" r="2" className="fill-brand-300" />
      <rect x="14.5" y="10" width="9.5" height="2" rx="1" className="fill-white" />
      <rect x="14.5" y="15" width="9.5" height="2" rx="1" className="fill-white" />
      <rect x="14.5" y="20" width="6" height="2" rx="1" className="fill-brand-300" />
    </svg>
  );
}
