"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

/**
 * TanStack Query for a client subtree. Not in the root layout on purpose: the setup portal and the admin console
 * each wrap their own layout in it, so public pages ship none of it.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  // One client per mounted provider (not per module), so two users' server renders never share a cache.
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
