import type { PortalSetupLink } from "@/lib/auth/verify-portal-session";
import { DomainError } from "@/lib/domain-error";

/** What a setup link issued by support staff may not do, because support may not do it in the console either. */
export type AdminOnlyPortalChange = "rotate_without_grace" | "change_sync_mode" | "replace_sso";

const REFUSALS: Record<AdminOnlyPortalChange, { message: string; field?: string }> = {
  rotate_without_grace: {
    message: "This setup link can rotate the token only with a grace period, so that your identity provider is never cut off. Choose a grace period, or ask whoever sent you the link for one that can stop the old token at once.",
    field: "graceHours",
  },
  change_sync_mode: {
    message: "This setup link can set up directory sync but not change the mode of a directory that exists. Ask whoever sent you the link for one that can.",
    field: "syncMode",
  },
  replace_sso: {
    message: "Single sign-on is already configured, and this setup link cannot replace it. Ask whoever sent you the link for one that can.",
  },
};

/**
 * A setup link carries the authority of whoever issued it (issue 12, item 4). Whoever holds a link can use it,
 * the staff member who issued it included, so a link issued by support staff can do no more than support can
 * in the console: set up what is not there yet and rotate with a grace period, but not cut a token off, change
 * a directory's sync mode or replace a configured SSO connection. Links from the CLI, the API (the host
 * product) and admins are not limited.
 */
export function assertLinkAuthority(setupLink: Pick<PortalSetupLink, "issuerRole">, change: AdminOnlyPortalChange): void {
  if (setupLink.issuerRole !== "support") return;
  const { message, field } = REFUSALS[change];
  throw new DomainError("FORBIDDEN", message, field);
}
