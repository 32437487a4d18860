import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "Rollcall-Signature";

/** Hex HMAC-SHA256 of "<t>.<body>" under the endpoint's secret (the whole `whsec_…` string, as UTF-8). */
export function computeWebhookSignature(secret: string, body: string | Buffer, t: number): string {
  return createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
}

/**
 * The Rollcall-Signature header value, `t=<unix seconds>,v1=<hex>`. The timestamp is signed with the body,
 * so a receiver that checks it against its clock refuses a captured request replayed later.
 */
export function signWebhook(secret: string, body: string | Buffer, t: number = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${computeWebhookSignature(secret, body, t)}`;
}
