import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { listRedirectUris, type SsoRedirectUriEntry } from "./list-redirect-uris";
import { parseRedirectUri } from "./parse-redirect-uri";

/** A list this long is a mistake (or an attack on the page that shows it), not a deployment. */
export const MAX_STORED_REDIRECT_URIS = 500;

/**
 * Replaces the stored (operator-level) allow-list of sign-in redirect URIs with `uris`, in one transaction.
 * SSO_REDIRECT_URIS is not touched. A wrong entry is an INVALID_INPUT error on `redirect_uris.<index>` and
 * changes nothing. Repeats are kept once. Returns the whole allow-list after the change.
 */
export async function replaceRedirectUris({ uris }: { uris: string[] }): Promise<SsoRedirectUriEntry[]> {
  if (uris.length > MAX_STORED_REDIRECT_URIS) {
    throw new DomainError("INVALID_INPUT", `At most ${MAX_STORED_REDIRECT_URIS} redirect URIs can be stored`, "redirect_uris");
  }
  const wanted: string[] = [];
  uris.forEach((value, index) => {
    const parsed = parseRedirectUri(typeof value === "string" ? value : "");
    if (!parsed.ok) throw new DomainError("INVALID_INPUT", `The redirect URI ${parsed.message}`, `redirect_uris.${index}`);
    if (!wanted.includes(parsed.uri)) wanted.push(parsed.uri);
  });
  await db.$transaction(async (tx) => {
    // Entries that stay keep their row (and createdAt); only the difference is written.
    await tx.ssoRedirectUri.deleteMany({ where: { uri: { notIn: wanted } } });
    await tx.ssoRedirectUri.createMany({ data: wanted.map((uri) => ({ id: newId("rdu"), uri })), skipDuplicates: true });
  });
  return listRedirectUris();
}
