import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rollcall", template: "%s · Rollcall" },
  description:
    "Rollcall is a self-hosted, multi-tenant directory-sync service: identity providers push users and groups over SCIM 2.0, and your product learns every change through webhooks, an events feed and an API.",
  applicationName: "Rollcall",
};

// Deliberately bare: the setup portal and the admin console bring their own chrome.
export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
