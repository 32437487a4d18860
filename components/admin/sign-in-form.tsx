"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert, Button, Field, Input } from "@/components/ui";
import { signInErrorMessage } from "@/lib/staff/sign-in-messages";

/** Only a console page may be the destination after sign-in: never another site, never a protocol-relative URL. */
function safeDestination(callbackUrl: string | undefined): string {
  if (!callbackUrl) return "/admin/organizations";
  try {
    const url = new URL(callbackUrl, window.location.origin);
    if (url.origin === window.location.origin && url.pathname.startsWith("/admin") && !url.pathname.startsWith("/admin/sign-in")) return `${url.pathname}${url.search}`;
  } catch {
    // not a URL: fall through
  }
  return "/admin/organizations";
}

export function SignInForm({ initialError, callbackUrl, oidcEnabled }: { initialError?: string; callbackUrl?: string; oidcEnabled: boolean }) {
  const [error, setError] = useState(initialError ? signInErrorMessage(initialError) : undefined);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const result = await signIn("credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), redirect: false });
      if (!result || result.error) {
        setError(signInErrorMessage(result?.error ?? "Callback"));
        setBusy(false);
        return;
      }
      // A full load, so that every server component renders with the new session cookie.
      window.location.assign(safeDestination(callbackUrl));
    } catch {
      setError("The server could not be reached. Check your connection and try again.");
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-5">
      {error ? <Alert tone="danger" title="You are not signed in">{error}</Alert> : null}
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate={false}>
        <Field label="Email" required>
          {(control) => <Input {...control} name="email" type="email" autoComplete="username" autoFocus />}
        </Field>
        <Field label="Password" required>
          {(control) => <Input {...control} name="password" type="password" autoComplete="current-password" />}
        </Field>
        <Button type="submit" loading={busy} className="w-full">
          Sign in
        </Button>
      </form>
      {oidcEnabled ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500 uppercase" aria-hidden="true">
            <span className="h-px flex-1 bg-zinc-200" />
            or
            <span className="h-px flex-1 bg-zinc-200" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => signIn("staff-oidc", { callbackUrl: safeDestination(callbackUrl) })}>
            Sign in with single sign-on
          </Button>
        </>
      ) : null}
    </div>
  );
}
