import { describe, expect, it } from "vitest";
import { directorySourceWords } from "./directory-source-words";

// The portal's counts badge, deprovision-only note and live log subtitle: a pulled directory's admin must not be
// told about "requests" from an identity provider, since nothing pushes to a Google Workspace or CSV directory.
describe("directorySourceWords", () => {
  it("speaks of requests from the identity provider for a SCIM directory, with no source badge", () => {
    const words = directorySourceWords("scim", "Okta");
    expect(words.logSubtitle).toMatch(/^Every request from Okta, newest first\./);
    expect(words.logEmpty).toBe("No requests from Okta yet. When it sends its first one, it appears here within 2 seconds.");
    expect(words.overviewBadge).toBeNull();
    expect(words.deprovisionOnlyNote).toContain("the people Okta sends have no account");
  });

  it.each([
    ["google", "Google Workspace syncs"],
    ["csv", "CSV imports"],
  ] as const)("names %s directories' own origin, %s, and never requests or an identity provider", (source, origin) => {
    const words = directorySourceWords(source, "your identity provider");
    expect(words.origin).toBe(origin);
    expect(words.overviewBadge).toBe(origin);
    expect(words.logSubtitle).toBe(`Every change made by ${origin}, newest first. Open an entry for its details.`);
    expect(words.logEmpty).toContain(`No changes from ${origin} yet`);
    for (const text of [words.logSubtitle, words.logEmpty, words.deprovisionOnlyNote, words.overviewBadge!]) {
      expect(text).not.toMatch(/request|identity provider/i);
    }
  });

  it("the Test step listens for a SCIM provider's requests, and sends a pulled directory's admin to a sync or an import", () => {
    expect(directorySourceWords("scim", "Okta").testStep).toBe("This page listens for Okta's requests. Keep it open while you test the connection in Okta.");
    expect(directorySourceWords("google", "Google Workspace").testStep).toMatch(/no requests to wait for\. Choose Sync now/);
    expect(directorySourceWords("csv", "your identity provider").testStep).toMatch(/Import a file on the Directory sync step/);
    for (const source of ["google", "csv"] as const) expect(directorySourceWords(source, "your identity provider").testStep).not.toMatch(/listens|identity provider/);
  });
});
