import { config } from "@/lib/config";

/** The address a customer's IT admin opens: `<APP_URL>/setup/<token>`. */
export function setupLinkUrl(token: string): string {
  return `${config().appUrl}/setup/${token}`;
}
