import { ScimError } from "./errors";

/** RFC 7644 §3.14: versions are weak ETags, `W/"<n>"`. */
export function toEtag(version: number): string {
  return `W/"${version}"`;
}

/**
 * RFC 7232 §3.1 If-Match: `*`, or a list of entity tags compared weakly (RFC 7644 §3.14 uses weak tags).
 * Throws 412 when none matches the resource's current version.
 */
export function assertIfMatch(ifMatch: string | null | undefined, version: number) {
  if (ifMatch === null || ifMatch === undefined || ifMatch.trim() === "" || ifMatch.trim() === "*") return;
  const current = `"${version}"`;
  const tags = ifMatch.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (!tags.includes(current)) {
    throw new ScimError(412, undefined, `If-Match ${ifMatch} does not match the current version ${toEtag(version)}; read the resource again`);
  }
}
