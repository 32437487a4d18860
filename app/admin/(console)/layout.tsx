import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminHeader } from "@/components/admin/admin-header";
import { QueryProvider } from "@/components/query-provider";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: { default: "Admin console", template: "%s · Admin console · Rollcall" }, robots: { index: false } };

// Each page checks the session again (a layout is not re-rendered on client-side navigation); this one
// covers the first load and provides the header.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  return (
    <QueryProvider>
      <div className="flex min-h-dvh flex-col bg-zinc-50">
        <AdminHeader email={staff.email} role={staff.role} />
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </QueryProvider>
  );
}
