import type { PullSource } from "@/lib/directory-pull/pull-log";
import { upperFirst } from "./provider-guides";

export type DirectorySourceKind = "scim" | PullSource;

export type DirectorySourceWords = {
  /** What fills the sync log, as the portal's live log and overview name it. */
  origin: string;
  /** The live sync log's line under its heading. */
  logSubtitle: string;
  /** The live sync log before its first entry. */
  logEmpty: string;
  /** The overview's badge for a pulled directory; SCIM directories show their connection health instead. */
  overviewBadge: string | null;
  /** The overview's note in deprovision-only mode. */
  deprovisionOnlyNote: string;
  /** The Test step's line under its heading: what there is to test, and how. */
  testStep: string;
};

// A pulled directory receives no requests: Rollcall reads Google Workspace or a CSV file, so "requests from your
// identity provider" would send its admin looking for a SCIM connection that does not exist.
const PULLED_ORIGIN: Record<PullSource, string> = { google: "Google Workspace syncs", csv: "CSV imports" };

/**
 * The portal's words for where a directory's changes come from: requests that the identity provider pushes over
 * SCIM, or the syncs and imports that Rollcall pulls. `providerName` is the guide's name ("Okta", "your identity
 * provider") and only SCIM directories use it.
 */
export function directorySourceWords(source: DirectorySourceKind, providerName: string): DirectorySourceWords {
  if (source === "scim") {
    return {
      origin: providerName,
      logSubtitle: `Every request from ${providerName}, newest first. Open an entry for its details; passwords and other secrets are removed before anything is stored.`,
      logEmpty: `No requests from ${providerName} yet. When it sends its first one, it appears here within 2 seconds.`,
      overviewBadge: null,
      deprovisionOnlyNote: `Deprovision-only: the people ${providerName} sends have no account until they first sign in with single sign-on. ${upperFirst(providerName)} only deactivates accounts.`,
      testStep: `This page listens for ${providerName}'s requests. Keep it open while you test the connection in ${providerName}.`,
    };
  }
  const origin = PULLED_ORIGIN[source];
  return {
    origin,
    logSubtitle: `Every change made by ${origin}, newest first. Open an entry for its details.`,
    logEmpty:
      source === "google"
        ? "No changes from Google Workspace syncs yet. When a sync creates, updates or deactivates someone, it appears here within 2 seconds."
        : "No changes from CSV imports yet. When an import is applied, its changes appear here within 2 seconds.",
    overviewBadge: upperFirst(origin),
    deprovisionOnlyNote: `Deprovision-only: the people ${origin} bring in have no account until they first sign in with single sign-on. ${upperFirst(origin)} only deactivate accounts.`,
    // Nothing calls Rollcall, so there is no request to wait for: the test is a sync or an import and its outcome.
    testStep:
      source === "google"
        ? "Rollcall reads your Google Workspace directory itself, so there are no requests to wait for. Choose Sync now and check the outcome and the changes below."
        : "Rollcall reads the CSV files you import, so there are no requests to wait for. Import a file on the Directory sync step and check the outcome and the changes below.",
  };
}
