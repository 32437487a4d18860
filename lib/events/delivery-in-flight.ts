/**
 * SQL for "this WebhookDelivery row (alias `d`) has an attempt in flight": it was claimed (`lastAttemptAt`
 * stamped) at or after it fell due (`nextAttemptAt`). The claim leaves `nextAttemptAt` alone so that it is a
 * heap-only update (lib/worker/deliver-webhooks.ts). Never NULL, so `NOT` of it reads "not in flight".
 */
export const DELIVERY_IN_FLIGHT = `COALESCE(d."lastAttemptAt" >= d."nextAttemptAt", false)`;
