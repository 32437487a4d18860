import { config } from "@/lib/config";
import { db } from "@/lib/db/client";

export type SsoRedirectUriEntry = {
  uri: string;
  /** `environment`: from SSO_REDIRECT_URIS, changed only by the operator's deployment. `api`: stored in the database. */
  source: "environment" | "api";
  createdAt: Date | null;
};

/** The whole allow-list of sign-in redirect URIs: SSO_REDIRECT_URIS first, then the stored entries, oldest first. */
export async function listRedirectUris(): Promise<SsoRedirectUriEntry[]> {
  const stored = await db.ssoRedirectUri.findMany({ orderBy: [{ createdAt: "asc" }, { uri: "asc" }] });
  const fromEnvironment = config().ssoRedirectUris;
  return [
    ...fromEnvironment.map((uri) => ({ uri, source: "environment" as const, createdAt: null })),
    ...stored.filter((row) => !fromEnvironment.includes(row.uri)).map((row) => ({ uri: row.uri, source: "api" as const, createdAt: row.createdAt })),
  ];
}
