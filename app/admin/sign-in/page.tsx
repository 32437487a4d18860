import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RollcallMark } from "@/components/site-header";
import { SignInForm } from "@/components/admin/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui";
import { config } from "@/lib/config";
import { currentStaff } from "@/lib/staff/current-staff";

export const metadata: Metadata = { title: "Sign in to the admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : undefined;
  if (await currentStaff()) redirect("/admin/organizations");
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-zinc-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2.5">
          <RollcallMark />
          <span className="text-lg font-semibold tracking-tight text-zinc-900">Rollcall</span>
        </div>
        <Card>
          <CardHeader>
            <h1 className="text-lg font-semibold text-zinc-900">Sign in to the admin console</h1>
            <CardDescription>For Rollcall support staff. Your session lasts up to 8 hours.</CardDescription>
          </CardHeader>
          <CardContent className="pb-6">
            <SignInForm
              initialError={typeof params.error === "string" ? params.error : undefined}
              callbackUrl={callbackUrl}
              oidcEnabled={config().staffOidc !== undefined}
            />
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
