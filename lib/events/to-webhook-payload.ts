import type { FeedEvent } from "./list-events";

/** The JSON body of a webhook, snake_case as the host product reads it. */
export type WebhookPayload = {
  id: string;
  type: string;
  created_at: string;
  organization_id: string;
  directory_id: string | null;
  data: unknown;
};

export function toWebhookPayload(event: FeedEvent): WebhookPayload {
  return {
    id: event.id,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    organization_id: event.organizationId,
    directory_id: event.directoryId,
    data: event.data,
  };
}
