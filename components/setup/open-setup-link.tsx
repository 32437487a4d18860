"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { RollcallMark } from "@/components/site-header";
import { Alert, Spinner } from "@/components/ui";
import { openSetupLinkAction } from "@/lib/actions/portal/open-setup-link";

/** Starts the portal session for a valid link, then moves on to where the admin left off. */
export function OpenSetupLink({ token, organizationName }: { token: string; organizationName: string }) {
  const router = useRouter();
  const started = useRef(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    // React's development double-run of effects would open two sessions.
    if (started.current) return;
    started.current = true;
    openSetupLinkAction({ token })
      .then((result) => {
        if (result?.data) router.replace(result.data.next);
        else setError(result?.serverError?.message ?? "This setup link could not be opened. Reload the page to try again.");
      })
      .catch(() => setError("We could not reach the server. Check your connection and reload the page."));
  }, [router, token]);

  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-16">
      <div className="w-full max-w-md text-center">
        <RollcallMark className="mx-auto size-10" />
        <h1 className="mt-6 text-2xl font-bold tracking-tight text-balance text-zinc-950">
          Setting up <span className="break-words">{organizationName}</span>
        </h1>
        {error ? (
          <Alert tone="danger" className="mt-6 text-left">
            {error}
          </Alert>
        ) : (
          <div className="mt-6 flex items-center justify-center gap-3 text-zinc-600">
            <Spinner label="Opening your setup session" />
            <span aria-hidden="true">Opening your setup session…</span>
          </div>
        )}
      </div>
    </main>
  );
}
