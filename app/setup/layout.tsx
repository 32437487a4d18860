import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";

export const metadata: Metadata = {
  title: { default: "Setup", template: "%s · Setup · Rollcall" },
  // A setup link is a credential: keep it out of search engines and out of the Referer of any link we show.
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default function SetupLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
