/**
 * The audit trail in words (issue 15, part 4): one sentence per entry of the console's or the setup portal's trail,
 * as a support agent would say it ("Rotated the SCIM token of dir_…: the new one starts rc_scim_ab12; older tokens
 * keep working until 4 Dec 2026, 09:30 UTC"). Actions this does not know yet are named as they are stored.
 */
export type AuditEntryForWords = {
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
};

/** Every action either trail records, with its label for the filter. */
export const AUDIT_ACTIONS: Record<string, string> = {
  "organization.created": "Organisation created",
  "organization.updated": "Organisation changed",
  "organization.deleted": "Organisation deleted",
  "directory.deleted": "Directory deleted",
  "directory.sync_mode_changed": "Sync mode changed",
  "directory_sync.set_up": "Directory sync set up",
  "scim_token.rotated": "SCIM token rotated",
  "scim_token.revoked": "SCIM token revoked",
  "scim_token.revealed": "SCIM token shown to the customer",
  "setup_link.created": "Setup link issued",
  "setup_link.revoked": "Setup link revoked",
  "setup_link.opened": "Setup link opened",
  "provider.chosen": "Identity provider chosen",
  "setup_step.completed": "Setup step completed",
  "sso_connection.saved": "SSO saved",
  "webhook_delivery.redelivered": "Webhook redelivered",
};

const SYNC_MODES: Record<string, string> = { FULL: "full provisioning", DEPROVISION_ONLY: "deprovision-only (JIT)" };
const dateTime = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", hour12: false });

function when(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : `${dateTime.format(date)} UTC`;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : null);
const quoted = (value: unknown) => (text(value) ? `“${text(value)}”` : "");
const mode = (value: unknown) => SYNC_MODES[String(value)] ?? text(value) ?? "another mode";

function record(detail: unknown): Record<string, unknown> {
  return detail !== null && typeof detail === "object" && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {};
}

function changes(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const parts: string[] = [];
  const show = (v: unknown) => (Array.isArray(v) ? (v.length ? v.join(", ") : "none") : String(v ?? "none"));
  for (const [key, label] of [["name", "name"], ["slug", "slug"], ["domains", "domains"]] as const) {
    if (show(before[key]) !== show(after[key])) parts.push(`${label} “${show(before[key])}” → “${show(after[key])}”`);
  }
  return parts.length ? parts.join(", ") : "nothing visible changed";
}

export function describeAuditEntry(entry: AuditEntryForWords): string {
  const d = record(entry.detail);
  const directory = entry.targetType === "directory" && entry.targetId ? `directory ${entry.targetId}` : "the directory";
  switch (entry.action) {
    case "organization.created":
      return `Created the organisation ${quoted(d.name)}${d.slug ? ` (${text(d.slug)})` : ""}${Array.isArray(d.domains) && d.domains.length ? ` with the domains ${d.domains.join(", ")}` : ""}.`;
    case "organization.updated":
      return `Changed the organisation: ${changes(record(d.before), record(d.after))}.`;
    case "organization.deleted":
      return `Deleted the organisation ${quoted(d.name)}${d.slug ? ` (${text(d.slug)})` : ""} and everything it held${d.via === "api" ? ", through the console's API" : ""}.`;
    case "directory.deleted":
      return `Deleted the directory ${quoted(d.name)}${d.provider ? ` (${text(d.provider)})` : ""}, with its users, groups, tokens and sync log.`;
    case "directory.sync_mode_changed":
      return `Changed the sync mode of ${directory} from ${mode(d.from)} to ${mode(d.to)}.`;
    case "directory_sync.set_up":
      return `Set up directory sync${d.provider ? ` for ${text(d.provider)}` : ""}${d.syncMode ? ` in ${mode(d.syncMode)} mode` : ""}; its token starts ${text(d.tokenPrefix) ?? "(unknown)"}.`;
    case "scim_token.rotated": {
      const until = when(d.previousTokensExpireAt);
      const grace = typeof d.graceHours === "number" && d.graceHours === 0 ? "the older tokens stopped working at once" : until ? `older tokens keep working until ${until}` : "no older token was working";
      // Delivery by setup link (issue 15, part 2): the trail says that staff never saw the token.
      const sent = text(d.deliveredBySetupLink) ? `; it was not shown to staff but sent to the customer in the setup link ${text(d.deliveredBySetupLink)}` : "";
      return `Rotated the SCIM token of ${directory}: the new one starts ${text(d.newTokenPrefix) ?? "(unknown)"}; ${grace}${d.shortenedPromisedGrace === true ? ", cutting short a grace period promised earlier" : ""}${sent}.`;
    }
    case "scim_token.revoked":
      return d.prefix ? `Revoked the SCIM token ${text(d.prefix)} of ${directory}.` : `Revoked every SCIM token of ${directory}${typeof d.revoked === "number" ? ` (${d.revoked})` : ""}: its identity provider is refused until a new token is pasted.`;
    case "setup_link.created":
      return `Issued a setup link (${text(d.intent) ?? "all"}) starting ${text(d.prefix) ?? "(unknown)"}${text(d.carriesScimToken) ? `, carrying the new SCIM token ${text(d.carriesScimToken)} to show once to the customer's admin` : ""}${when(d.expiresAt) ? `, valid until ${when(d.expiresAt)}` : ""}.`;
    case "setup_link.revoked":
      return `Revoked the setup link starting ${text(d.prefix) ?? entry.targetId ?? "(unknown)"}; its portal sessions ended at once.`;
    case "scim_token.revealed":
      return `Showed the new SCIM token ${text(d.tokenPrefix) ?? "(unknown)"} of ${directory}, sent by staff with this link, once; it is no longer stored anywhere.`;
    case "setup_link.opened":
      return `Opened the setup portal with this link${d.intent ? ` (for ${text(d.intent)})` : ""}.`;
    case "provider.chosen":
      return `Chose ${text(d.provider) ?? "an identity provider"} as the identity provider.`;
    case "setup_step.completed":
      return `Completed the ${quoted(d.step) || "a"} step.`;
    case "sso_connection.saved": {
      const how = d.protocol === "oidc"
        ? `OpenID Connect with the issuer ${text(d.issuer) ?? "(unknown)"} and client ID ${text(d.clientId) ?? "(unknown)"}${d.clientSecretChanged === true ? ", with a new client secret" : ""}`
        : `SAML from ${d.source === "url" && d.metadataUrl ? `the metadata at ${text(d.metadataUrl)}` : "pasted metadata"}`;
      return `${d.replaced === true ? "Replaced" : "Saved"} single sign-on: ${how}.`;
    }
    case "webhook_delivery.redelivered":
      return `Sent webhook delivery ${entry.targetId ?? ""} again.`.replace("  ", " ");
    default:
      return `${entry.action}${entry.targetType ? ` on ${entry.targetType} ${entry.targetId ?? ""}`.trimEnd() : ""}.`;
  }
}
