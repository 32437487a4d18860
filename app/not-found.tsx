import type { Metadata } from "next";
import { RollcallMark } from "@/components/site-header";
import { LinkButton } from "@/components/ui";

export const metadata: Metadata = {
  title: "Page not found",
};

export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-16">
      <div className="w-full max-w-md text-center">
        <RollcallMark className="mx-auto size-10" />
        <p className="mt-6 text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-zinc-950">Page not found</h1>
        <p className="mt-4 text-zinc-600">
          There is nothing at this address. If you followed a setup link, it may have been mistyped; ask whoever sent
          it for a new one.
        </p>
        <div className="mt-8 flex justify-center">
          <LinkButton href="/">Go to the home page</LinkButton>
        </div>
      </div>
    </main>
  );
}
