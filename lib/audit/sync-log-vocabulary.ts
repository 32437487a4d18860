import type { DirectoryProvider } from "@/lib/db/generated/enums";

// Words shared by the sync-log writer, its describer and the viewer component. Free of server code, so the
// client component can import it.

/**
 * Every action a SCIM request can leave in `SyncLogEntry.actions`. `ScimRequestLog.action` takes only these,
 * so a new action cannot be written without the viewer's filter knowing it.
 */
export const SYNC_LOG_ACTIONS = [
  "user.created",
  "user.updated",
  "user.deactivated",
  "user.reactivated",
  "user.deleted",
  "group.created",
  "group.updated",
  "group.deleted",
  "group.member_added",
  "group.member_removed",
  "account.created",
  "account.linked",
  "account.deactivated",
  "account.reactivated",
] as const;

export type SyncLogAction = (typeof SYNC_LOG_ACTIONS)[number];

/** The viewer's label for each action, as a customer's IT admin would say it. */
export const SYNC_LOG_ACTION_LABELS: Record<SyncLogAction, string> = {
  "user.created": "User created",
  "user.updated": "User updated",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  "user.deleted": "User deleted",
  "group.created": "Group created",
  "group.updated": "Group updated",
  "group.deleted": "Group deleted",
  "group.member_added": "Member added to a group",
  "group.member_removed": "Member removed from a group",
  "account.created": "Account created",
  "account.linked": "Account linked by email",
  "account.deactivated": "Account deactivated (signed out)",
  "account.reactivated": "Account reactivated",
};

/** What a request came to: done, turned down by us because of what was sent, or broken on our side. */
export const SYNC_LOG_OUTCOMES = ["success", "refused", "failed"] as const;

export type SyncLogOutcome = (typeof SYNC_LOG_OUTCOMES)[number];

/** The status class each outcome covers, for `querySyncLog`'s `status` filter. */
export const OUTCOME_STATUS_CLASS: Record<SyncLogOutcome, "2xx" | "4xx" | "5xx"> = { success: "2xx", refused: "4xx", failed: "5xx" };

export type SyncLogProvider = DirectoryProvider;

/** The product's short name, as its own admins say it: "Entra", not "Microsoft Entra ID". */
export const PROVIDER_SHORT_NAMES: Record<SyncLogProvider, string> = {
  entra: "Entra",
  okta: "Okta",
  google: "Google Workspace",
  onelogin: "OneLogin",
  jumpcloud: "JumpCloud",
  generic: "the identity provider",
};

/** Where each product takes the bearer token, in the words of its own admin screen. */
export const PROVIDER_TOKEN_FIELDS: Record<SyncLogProvider, string> = {
  entra: "Secret Token",
  okta: "API Token",
  google: "token",
  onelogin: "SCIM Bearer Token",
  jumpcloud: "Token Key",
  generic: "token",
};

/**
 * How to stop the provider sending groups, in its own console's words, as an instruction that fits after "so it
 * takes no groups." Entra has no "group push", and JumpCloud calls it Group Management (issue 15, part 3).
 */
export const PROVIDER_GROUPS_OFF: Record<SyncLogProvider, string> = {
  entra: "In Entra, under Provisioning → Mappings, set “Provision Microsoft Entra ID Groups” to No",
  okta: "In Okta, untick “Push Groups” under “Supported provisioning actions” and unlink the groups on the Push Groups tab",
  google: "Google Workspace's auto-provisioning sends no groups, so check what else uses this directory's token to send them",
  onelogin: "In OneLogin, remove the Rules that set groups (Parameters → Groups)",
  jumpcloud: "In JumpCloud, turn off “Group Management” for this application",
  generic: "Turn off group provisioning (group push) in the identity provider",
};

/**
 * Where a customer gets a new SCIM token, by the portal's own labels: the button and the page it is on. Every
 * hint that says to get a new token names this place (issue 15: "Generate a new token here" pointed to no button).
 */
export const ROTATE_TOKEN_PLACE = "Rotate token on the setup portal's Done page";
