import { timingSafeEqual } from "node:crypto";
import { computeWebhookSignature } from "./sign-webhook";

export type VerifyWebhookSignatureInput = {
  /** The Rollcall-Signature header as received. */
  header: string | null | undefined;
  /** The raw request body, byte for byte: re-serialised JSON will not verify. */
  body: string | Buffer;
  secret: string;
  /** How far the signed timestamp may be from `now`, either way. */
  toleranceSeconds?: number;
  now?: Date;
};

/**
 * Checks a Rollcall-Signature header: some `v1` must be the HMAC of "<t>.<body>" under the secret, and `t`
 * must be within the tolerance of now (a replayed capture is refused). Compares in constant time, so the
 * time taken reveals nothing of the expected signature.
 */
export function verifyWebhookSignature({ header, body, secret, toleranceSeconds = 300, now = new Date() }: VerifyWebhookSignatureInput): boolean {
  if (!header) return false;
  let t: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) t = Number(value);
    // Several v1 values may be present (Stripe's scheme, kept for a future secret rotation): any may match.
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (t === undefined || signatures.length === 0) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - t) > toleranceSeconds) return false;
  const expected = Buffer.from(computeWebhookSignature(secret, body, t), "hex");
  let ok = false;
  for (const signature of signatures) {
    // Every candidate is compared, without an early exit, so the count of matches does not leak either.
    if (timingSafeEqual(expected, Buffer.from(signature, "hex"))) ok = true;
  }
  return ok;
}
