// Issue 15, part 4: the audit trail reads in words, and its filters come from the page's address.
import { describe, expect, it } from "vitest";
import { auditTrailTimeBounds, parseAuditTrailQuery } from "./audit-trail-query";
import { describeAuditEntry } from "./describe-audit-entry";

describe("describeAuditEntry", () => {
  it.each([
    ["a rotation with grace", { action: "scim_token.rotated", targetType: "directory", targetId: "dir_1", detail: { newTokenPrefix: "rc_scim_ab12", graceHours: 24, previousTokensExpireAt: "2026-12-04T09:30:00.000Z" } },
      "Rotated the SCIM token of directory dir_1: the new one starts rc_scim_ab12; older tokens keep working until 4 Dec 2026, 09:30 UTC."],
    ["a rotation without grace", { action: "scim_token.rotated", targetType: "directory", targetId: "dir_1", detail: { newTokenPrefix: "rc_scim_cd34", graceHours: 0, previousTokensExpireAt: null, shortenedPromisedGrace: true } },
      "Rotated the SCIM token of directory dir_1: the new one starts rc_scim_cd34; the older tokens stopped working at once, cutting short a grace period promised earlier."],
    ["a rotation delivered by setup link (issue 15, part 2)", { action: "scim_token.rotated", targetType: "directory", targetId: "dir_1", detail: { newTokenPrefix: "rc_scim_ef56", graceHours: 24, previousTokensExpireAt: "2026-12-04T09:30:00.000Z", deliveredBySetupLink: "rc_setup_Zx9" } },
      "Rotated the SCIM token of directory dir_1: the new one starts rc_scim_ef56; older tokens keep working until 4 Dec 2026, 09:30 UTC; it was not shown to staff but sent to the customer in the setup link rc_setup_Zx9."],
    ["the link that carries it", { action: "setup_link.created", targetType: "setup_link", targetId: "lnk_1", detail: { prefix: "rc_setup_Zx9", intent: "dsync", carriesScimToken: "rc_scim_ef56", expiresAt: "2026-12-10T09:30:00.000Z" } },
      "Issued a setup link (dsync) starting rc_setup_Zx9, carrying the new SCIM token rc_scim_ef56 to show once to the customer's admin, valid until 10 Dec 2026, 09:30 UTC."],
    ["the token shown in the portal", { action: "scim_token.revealed", targetType: "directory", targetId: "dir_1", detail: { tokenPrefix: "rc_scim_ef56" } },
      "Showed the new SCIM token rc_scim_ef56 of directory dir_1, sent by staff with this link, once; it is no longer stored anywhere."],
    ["an organisation renamed", { action: "organization.updated", targetType: "organization", targetId: "org_1", detail: { before: { name: "Acme", slug: "acme", domains: ["acme.com"] }, after: { name: "Acme Ltd", slug: "acme", domains: ["acme.com"] } } },
      "Changed the organisation: name “Acme” → “Acme Ltd”."],
    ["a sync mode change", { action: "directory.sync_mode_changed", targetType: "directory", targetId: "dir_2", detail: { from: "FULL", to: "DEPROVISION_ONLY" } },
      "Changed the sync mode of directory dir_2 from full provisioning to deprovision-only (JIT)."],
    ["SAML saved from a URL in the portal", { action: "sso_connection.saved", targetType: "sso_connection", targetId: "sso_1", detail: { protocol: "saml", replaced: true, source: "url", metadataUrl: "https://idp.example/metadata" } },
      "Replaced single sign-on: SAML from the metadata at https://idp.example/metadata."],
    ["an action it does not know", { action: "robot.danced", targetType: "robot", targetId: "r2", detail: null }, "robot.danced on robot r2."],
  ])("%s", (_, entry, words) => {
    expect(describeAuditEntry(entry)).toBe(words);
  });
});

describe("parseAuditTrailQuery", () => {
  it("reads who, what, organisation and days, and names every value it cannot use", () => {
    expect(parseAuditTrailQuery({ who: " jo@ ", action: "scim_token.rotated", organization: "acme", from: "2026-12-01", to: "2026-12-03" })).toEqual({
      filters: { trail: "console", who: "jo@", action: "scim_token.rotated", organization: "acme", from: "2026-12-01", to: "2026-12-03" },
      ignored: [],
    });
    const bad = parseAuditTrailQuery({ trail: "everything", action: "drop.tables", from: "yesterday", to: "2026-02-30" });
    expect(bad.filters).toEqual({ trail: "console" });
    expect(bad.ignored).toEqual([
      "trail “everything” (it can be console or portal)",
      "action “drop.tables” (not an action the audit trail records)",
      "from “yesterday” (not a date such as 2026-12-03)",
      "to “2026-02-30” (not a date such as 2026-12-03)",
    ]);
    expect(parseAuditTrailQuery({ from: "2026-12-03", to: "2026-12-01" }).filters).toEqual({ trail: "console" });
  });

  it("turns days into UTC bounds that include the whole last day", () => {
    expect(auditTrailTimeBounds({ from: "2026-12-01", to: "2026-12-03" })).toEqual({ since: new Date("2026-12-01T00:00:00Z"), before: new Date("2026-12-04T00:00:00Z") });
  });
});
