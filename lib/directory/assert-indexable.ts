import { ScimError } from "@/lib/scim/errors";

/**
 * PostgreSQL's btree indexes refuse entries over about 2,700 bytes; a longer userName or email would fail
 * the insert with a 500. No real identifier is this long, so it is the caller's error, named.
 */
const MAX_INDEXED_BYTES = 2000;

export function assertIndexable<T extends Record<string, unknown>>(columns: T): T {
  for (const [name, value] of Object.entries(columns)) {
    if (typeof value === "string" && Buffer.byteLength(value, "utf8") > MAX_INDEXED_BYTES) {
      throw new ScimError(400, "invalidValue", `${name} is longer than ${MAX_INDEXED_BYTES} bytes`);
    }
  }
  return columns;
}
