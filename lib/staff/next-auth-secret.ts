import { hkdfSync } from "node:crypto";
import { loadSecretKey } from "@/lib/events/secret-box";

/**
 * The key next-auth signs and encrypts console JWTs with: NEXTAUTH_SECRET when set, else derived from the
 * deployment's SECRET_KEY (or <DATA_DIR>/secret.key) with HKDF, so that no extra setting is needed and the
 * derived key is useless for anything but this.
 */
export function nextAuthSecret(): string {
  const explicit = process.env.NEXTAUTH_SECRET;
  if (explicit) return explicit;
  return Buffer.from(hkdfSync("sha256", loadSecretKey(), Buffer.from("rollcall"), Buffer.from("next-auth staff session v1"), 32)).toString("base64url");
}
