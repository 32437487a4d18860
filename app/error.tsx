"use client";

import { Button, LinkButton } from "@/components/ui";

type ErrorPageProps = {
  error: unknown;
  /** Next 16.3+: re-fetches and re-renders the segment, which is what recovers from a transient server error. */
  retry: () => void;
};

/** Server errors arrive with a digest that matches the server log; client-thrown values may be anything. */
function digestOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" && error.digest !== "" ? error.digest : undefined;
}

// The message and stack are never shown: they can carry SQL, paths or tokens. The digest is enough for support.
export default function ErrorPage({ error, retry }: ErrorPageProps) {
  const digest = digestOf(error);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-16">
      <div role="alert" className="w-full max-w-md text-center">
        <div
          aria-hidden="true"
          className="mx-auto flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600 ring-1 ring-red-200"
        >
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-6" focusable="false">
            <path
              fillRule="evenodd"
              d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
        </div>
        <h1 className="mt-6 text-2xl font-bold tracking-tight text-zinc-950">Something went wrong</h1>
        <p className="mt-3 text-zinc-600">
          This page could not be shown. Try again; if it keeps happening, contact support.
        </p>
        {digest ? (
          <p className="mt-4 text-sm text-zinc-500">
            Reference: <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-800 select-all">{digest}</code>
          </p>
        ) : null}
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <Button onClick={retry}>Try again</Button>
          <LinkButton href="/" variant="ghost">
            Go to the home page
          </LinkButton>
        </div>
      </div>
    </main>
  );
}
