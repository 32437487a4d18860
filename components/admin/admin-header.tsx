import Link from "next/link";
import { RollcallMark } from "@/components/site-header";
import { Badge, SkipLink } from "@/components/ui";
import { AdminNav } from "./admin-nav";
import { SignOutButton } from "./sign-out-button";

export function AdminHeader({ email, role }: { email: string; role: "admin" | "support" }) {
  return (
    <header className="border-b border-zinc-200 bg-white">
      <SkipLink />
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6 lg:px-8">
        <Link href="/admin/organizations" className="flex items-center gap-2.5 rounded-md text-zinc-900">
          <RollcallMark />
          <span className="text-base font-semibold tracking-tight">Rollcall</span>
          <span className="text-sm text-zinc-500">admin console</span>
        </Link>
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <p className="flex min-w-0 items-center gap-2 text-sm text-zinc-700">
            <span className="sr-only">Signed in as </span>
            <span data-testid="staff-email" className="truncate">{email}</span>
            <Badge tone={role === "admin" ? "info" : "neutral"}>
              <span className="sr-only">role: </span>
              {role}
            </Badge>
          </p>
          <SignOutButton />
        </div>
      </div>
      <AdminNav />
    </header>
  );
}
