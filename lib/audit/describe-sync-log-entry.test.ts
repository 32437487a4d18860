import { describe, expect, it } from "vitest";
import { describeSyncLogEntry, type SyncLogEntryFacts } from "./describe-sync-log-entry";

const DIR = "/scim/v2/dir_01jz8r3k5v9w2x4y6z8a0b2c4d";
const PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

function entry(facts: Partial<SyncLogEntryFacts> & { method: string; path: string; status: number }): SyncLogEntryFacts {
  return { query: null, actions: [], subject: null, resourceType: null, resourceId: null, scimType: null, errorDetail: null, requestBody: null, ...facts, path: `${DIR}${facts.path}` };
}

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });

type Row = [name: string, provider: string, facts: SyncLogEntryFacts, expected: { summary: string; outcome: string; advice?: string | RegExp }];

describe("describeSyncLogEntry: successful writes", () => {
  it.each<Row>([
    ["Okta POST /Users creates a user and its account", "okta",
      entry({ method: "POST", path: "/Users", status: 201, actions: ["user.created", "account.created"], subject: "alice@acme.com", resourceType: "User", resourceId: "usr_1" }),
      { summary: "Okta created alice@acme.com", outcome: "success" }],
    ["a create that links an existing account by email", "okta",
      entry({ method: "POST", path: "/Users", status: 201, actions: ["user.created", "account.linked"], subject: "alice@acme.com" }),
      { summary: "Okta created alice@acme.com and linked it to the existing account with that email", outcome: "success" }],
    ["Entra PATCH active \"False\" deactivates the user and ends its sessions", "entra",
      entry({ method: "PATCH", path: "/Users/usr_1", status: 200, actions: ["user.deactivated", "account.deactivated"], subject: "bob@acme.com",
        requestBody: patch({ op: "Replace", path: "active", value: "False" }) }),
      { summary: "Entra deactivated bob@acme.com and signed them out", outcome: "success" }],
    ["Entra deactivation of a user without an account", "entra",
      entry({ method: "PATCH", path: "/Users/usr_1", status: 200, actions: ["user.deactivated"], subject: "bob@acme.com" }),
      { summary: "Entra deactivated bob@acme.com", outcome: "success" }],
    ["Okta PUT with active false (AIW apps) deactivates", "okta",
      entry({ method: "PUT", path: "/Users/usr_1", status: 200, actions: ["user.deactivated", "account.deactivated"], subject: "bob@acme.com",
        requestBody: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "bob@acme.com", active: false, password: "[REDACTED]" } }),
      { summary: "Okta deactivated bob@acme.com and signed them out", outcome: "success" }],
    ["Okta no-path PATCH {active:true} reactivates", "okta",
      entry({ method: "PATCH", path: "/Users/usr_1", status: 200, actions: ["user.reactivated", "account.reactivated"], subject: "bob@acme.com",
        requestBody: patch({ op: "replace", value: { active: true } }) }),
      { summary: "Okta reactivated bob@acme.com", outcome: "success" }],
    ["Okta PUT profile update", "okta",
      entry({ method: "PUT", path: "/Users/usr_1", status: 200, actions: ["user.updated"], subject: "test.user@okta.local" }),
      { summary: "Okta updated test.user@okta.local", outcome: "success" }],
    ["DELETE /Users deletes the user and deactivates its account", "onelogin",
      entry({ method: "DELETE", path: "/Users/usr_1", status: 204, actions: ["user.deleted", "account.deactivated"], subject: "carol@acme.com" }),
      { summary: "OneLogin deleted carol@acme.com and signed them out", outcome: "success" }],
    ["Okta Group Push creates a group with no members", "okta",
      entry({ method: "POST", path: "/Groups", status: 201, actions: ["group.created"], subject: "Engineering", resourceType: "Group" }),
      { summary: "Okta created group Engineering", outcome: "success" }],
    ["a group created with its members", "okta",
      entry({ method: "POST", path: "/Groups", status: 201, actions: ["group.created", "group.member_added", "group.member_added", "group.member_added"], subject: "Engineering" }),
      { summary: "Okta created group Engineering with 3 members", outcome: "success" }],
    ["Okta membership PATCH adds members", "okta",
      entry({ method: "PATCH", path: "/Groups/grp_1", status: 204, actions: ["group.member_added", "group.member_added", "group.member_added"], subject: "Engineering" }),
      { summary: "Okta added 3 members to Engineering", outcome: "success" }],
    ["Entra membership PATCH removes one member", "entra",
      entry({ method: "PATCH", path: "/Groups/grp_1", status: 204, actions: ["group.member_removed"], subject: "Sales",
        requestBody: patch({ op: "Remove", path: "members", value: [{ value: "usr_2" }] }) }),
      { summary: "Entra removed 1 member from Sales", outcome: "success" }],
    ["one PATCH that adds and removes (Okta's remove + add)", "okta",
      entry({ method: "PATCH", path: "/Groups/grp_1", status: 204, actions: ["group.member_added", "group.member_removed"], subject: "Sales" }),
      { summary: "Okta changed the members of Sales: 1 added, 1 removed", outcome: "success" }],
    ["Okta's rename on push, with members added", "okta",
      entry({ method: "PATCH", path: "/Groups/grp_1", status: 204, actions: ["group.updated", "group.member_added", "group.member_added"], subject: "Platform" }),
      { summary: "Okta updated group Platform, added 2 members", outcome: "success" }],
    ["a PUT that renames and replaces members", "jumpcloud",
      entry({ method: "PUT", path: "/Groups/grp_1", status: 200, actions: ["group.updated", "group.member_added", "group.member_removed", "group.member_removed"], subject: "Ops" }),
      { summary: "JumpCloud updated group Ops, added 1 member and removed 2 members", outcome: "success" }],
    ["a group rename alone", "google",
      entry({ method: "PATCH", path: "/Groups/grp_1", status: 204, actions: ["group.updated"], subject: "Ops" }),
      { summary: "Google Workspace updated group Ops", outcome: "success" }],
    ["DELETE /Groups", "okta",
      entry({ method: "DELETE", path: "/Groups/grp_1", status: 204, actions: ["group.deleted"], subject: "Ops" }),
      { summary: "Okta deleted group Ops", outcome: "success" }],
    ["Entra's empty PATCH changes nothing", "entra",
      entry({ method: "PATCH", path: "/Users/usr_1", status: 200, subject: "alice@acme.com", requestBody: patch() }),
      { summary: "Entra sent an update for alice@acme.com; nothing changed", outcome: "success" }],
    ["Okta re-sends a group's unchanged name", "okta",
      entry({ method: "PATCH", path: "/Groups/grp_1", status: 204, subject: "Engineering", requestBody: patch({ op: "replace", value: { id: "grp_1", displayName: "Engineering" } }) }),
      { summary: "Okta sent an update for group Engineering; nothing changed", outcome: "success" }],
    ["a 2xx write that recorded no action and names no resource", "okta",
      entry({ method: "POST", path: "/Bulk", status: 200 }),
      { summary: "Okta sent POST /Bulk", outcome: "success" }],
    ["a 2xx read of something that is not a resource", "okta",
      entry({ method: "GET", path: "", status: 200 }),
      { summary: "Okta read /", outcome: "success" }],
    ["a group action with no name or id known", "okta",
      entry({ method: "POST", path: "/Groups", status: 201, actions: ["group.created"] }),
      { summary: "Okta created group (unnamed)", outcome: "success" }],
    ["a generic SCIM client is named in words", "generic",
      entry({ method: "POST", path: "/Users", status: 201, actions: ["user.created"], subject: "dave@acme.com" }),
      { summary: "The identity provider created dave@acme.com", outcome: "success" }],
    ["an unknown provider reads as a generic one", "someday",
      entry({ method: "POST", path: "/Users", status: 201, actions: ["user.created"], subject: "dave@acme.com" }),
      { summary: "The identity provider created dave@acme.com", outcome: "success" }],
  ])("%s", (_name, provider, facts, expected) => {
    const described = describeSyncLogEntry(facts, provider);
    expect(described).toEqual({ summary: expected.summary, outcome: expected.outcome });
  });
});

describe("describeSyncLogEntry: reads", () => {
  it.each<[string, string, SyncLogEntryFacts, string]>([
    ["Okta's existence check before a create", "okta",
      entry({ method: "GET", path: "/Users", status: 200, query: 'filter=userName eq "alice@acme.com"&startIndex=1&count=100' }),
      'Okta listed users (filter userName eq "alice@acme.com")'],
    ["a filter value holding & and = is kept whole", "okta",
      entry({ method: "GET", path: "/Groups", status: 200, query: 'filter=displayName eq "R&D=1"&startIndex=1&count=100' }),
      'Okta listed groups (filter displayName eq "R&D=1")'],
    ["Okta's import pages", "okta", entry({ method: "GET", path: "/Users", status: 200, query: "startIndex=101&count=100" }), "Okta listed users"],
    ["an unfiltered group list", "entra", entry({ method: "GET", path: "/Groups", status: 200 }), "Entra listed groups"],
    ["Okta's Test Connector Configuration (count=1)", "okta", entry({ method: "GET", path: "/Users", status: 200, query: "startIndex=1&count=1" }), "Okta checked the connection"],
    ["Entra's Test Connection: a random GUID", "entra",
      entry({ method: "GET", path: "/Users", status: 200, query: 'filter=userName eq "00aa00aa-bb11-cc22-dd33-44ee44ee44ee"' }), "Entra checked the connection"],
    ["Entra's Test Connection on an unquoted externalId", "entra",
      entry({ method: "GET", path: "/Users", status: 200, query: "aadOptscim062020&filter=externalId eq 0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef" }), "Entra checked the connection"],
    ["ServiceProviderConfig", "entra", entry({ method: "GET", path: "/ServiceProviderConfig", status: 200 }), "Entra checked the connection"],
    ["Schemas, any case", "onelogin", entry({ method: "GET", path: "/schemas/", status: 200 }), "OneLogin checked the connection"],
    ["ResourceTypes/User", "okta", entry({ method: "GET", path: "/ResourceTypes/User", status: 200 }), "Okta checked the connection"],
    ["a user read by id", "okta", entry({ method: "GET", path: "/Users/usr_1", status: 200, subject: "alice@acme.com", resourceType: "User", resourceId: "usr_1" }), "Okta looked up alice@acme.com"],
    ["a user read by id, with only the id known", "okta", entry({ method: "GET", path: "/users/usr_1", status: 200 }), "Okta looked up user usr_1"],
    ["a group read by id (Entra's excludedAttributes=members)", "entra",
      entry({ method: "GET", path: "/Groups/grp_1", status: 200, query: "excludedAttributes=members", subject: "Sales" }), "Entra looked up group Sales"],
  ])("%s", (_name, provider, facts, summary) => {
    expect(describeSyncLogEntry(facts, provider)).toEqual({ summary, outcome: "success" });
  });
});

describe("describeSyncLogEntry: the token was refused (401)", () => {
  it.each([
    ["entra", "Entra's request was refused: the token did not match", "The token in Entra does not match this directory's token. Generate a new token (Rotate token on the setup portal's Done page) and paste it into Entra's Secret Token field."],
    ["okta", "Okta's request was refused: the token did not match", "The token in Okta does not match this directory's token. Generate a new token (Rotate token on the setup portal's Done page) and paste it into Okta's API Token field."],
    ["google", "Google Workspace's request was refused: the token did not match", "The token in Google Workspace does not match this directory's token. Generate a new token (Rotate token on the setup portal's Done page) and paste it into Google Workspace's token field."],
    ["onelogin", "OneLogin's request was refused: the token did not match", "The token in OneLogin does not match this directory's token. Generate a new token (Rotate token on the setup portal's Done page) and paste it into OneLogin's SCIM Bearer Token field."],
    ["jumpcloud", "JumpCloud's request was refused: the token did not match", "The token in JumpCloud does not match this directory's token. Generate a new token (Rotate token on the setup portal's Done page) and paste it into JumpCloud's Token Key field."],
    ["generic", "The identity provider's request was refused: the token did not match", "The token in the identity provider does not match this directory's token. Generate a new token (Rotate token on the setup portal's Done page) and paste it into the identity provider's token field."],
  ])("%s", (provider, summary, advice) => {
    const facts = entry({ method: "GET", path: "/Users", status: 401, query: "startIndex=1&count=1",
      errorDetail: "Invalid SCIM token for this directory: it is unknown, revoked, expired or belongs to another directory" });
    expect(describeSyncLogEntry(facts, provider)).toEqual({ summary, outcome: "refused", advice });
  });

  it("says so when no token was sent at all", () => {
    const facts = entry({ method: "POST", path: "/Users", status: 401, errorDetail: "Authentication required: send Authorization: Bearer <token>" });
    expect(describeSyncLogEntry(facts, "okta")).toEqual({
      summary: "Okta's request was refused: it sent no token",
      outcome: "refused",
      advice: "Okta sent no bearer token. Paste the directory's token into Okta's API Token field; if nobody kept it, get a new one (Rotate token on the setup portal's Done page).",
    });
  });

  it("counts repeats from one address within a minute (issue 12)", () => {
    const facts = { ...entry({ method: "GET", path: "/Users", status: 401, errorDetail: "Invalid SCIM token for this directory" }), repeatCount: 37 };
    expect(describeSyncLogEntry(facts, "okta").summary).toBe("Okta's request was refused: the token did not match (37 requests within a minute)");
  });
});

describe("describeSyncLogEntry: other refusals and failures", () => {
  const deprovisionOnly = "Group provisioning is off for this directory (deprovision-only mode): turn off group push in your identity provider, or switch the directory to full provisioning";
  it.each<Row>([
    ["Okta pushes a group to a deprovision-only directory", "okta",
      entry({ method: "POST", path: "/Groups", status: 403, resourceType: "Group", subject: "Engineering", errorDetail: deprovisionOnly,
        requestBody: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Engineering", members: [] } }),
      { summary: "Okta tried to create group Engineering: refused, group provisioning is off for this directory", outcome: "refused",
        advice: "This directory is set to deprovision-only, so it takes no groups. In Okta, untick “Push Groups” under “Supported provisioning actions” and unlink the groups on the Push Groups tab, or switch the directory to full provisioning." }],
    ["Okta's rename PATCH to a deprovision-only directory names the group from the body", "okta",
      entry({ method: "PATCH", path: "/Groups/grp_9", status: 403, resourceType: "Group", resourceId: "grp_9", errorDetail: deprovisionOnly,
        requestBody: patch({ op: "replace", value: { id: "grp_9", displayName: "Platform" } }) }),
      { summary: "Okta tried to update group Platform: refused, group provisioning is off for this directory", outcome: "refused", advice: /untick “Push Groups”/ }],
    ["Entra's member PATCH to a deprovision-only directory, only the id known", "entra",
      entry({ method: "PATCH", path: "/Groups/grp_9", status: 403, resourceType: "Group", resourceId: "grp_9", errorDetail: deprovisionOnly,
        requestBody: patch({ op: "Add", path: "members", value: [{ value: "usr_1" }] }) }),
      { summary: "Entra tried to change the members of group grp_9: refused, group provisioning is off for this directory", outcome: "refused",
        advice: "This directory is set to deprovision-only, so it takes no groups. In Entra, under Provisioning → Mappings, set “Provision Microsoft Entra ID Groups” to No, or switch the directory to full provisioning." }],
    ["a disabled directory", "okta",
      entry({ method: "POST", path: "/Users", status: 403, errorDetail: "This directory is disabled; ask the application's administrator to enable it" }),
      { summary: "Okta's request was refused: this directory is disabled", outcome: "refused", advice: /enable it again/ }],
    ["Okta's duplicate POST (409 uniqueness)", "okta",
      entry({ method: "POST", path: "/Users", status: 409, scimType: "uniqueness", subject: "alice@acme.com", errorDetail: 'userName "alice@acme.com" is already in use in this directory' }),
      { summary: "Okta tried to create alice@acme.com: refused, that user already exists", outcome: "refused", advice: /Usernames must be unique/ }],
    ["a PUT that renames a user onto another's userName", "okta",
      entry({ method: "PUT", path: "/Users/usr_1", status: 409, scimType: "uniqueness", subject: "alice@acme.com" }),
      { summary: "Okta tried to update alice@acme.com: refused, another user already has that username", outcome: "refused", advice: /Usernames must be unique/ }],
    ["a duplicate group name", "entra",
      entry({ method: "POST", path: "/Groups", status: 409, scimType: "uniqueness", subject: "Sales" }),
      { summary: "Entra tried to create group Sales: refused, a group with that name already exists", outcome: "refused", advice: /rename one of them/ }],
    ["400 names the SCIM error detail and the user from the body", "okta",
      entry({ method: "POST", path: "/Users", status: 400, scimType: "invalidValue", errorDetail: "emails[0].value: must be a string", requestBody: { userName: "eve@acme.com", emails: [{ value: 7 }] } }),
      { summary: "Okta tried to create eve@acme.com: refused as invalid (emails[0].value: must be a string)", outcome: "refused", advice: /fixed in Okta/ }],
    ["400 on a bad filter", "entra",
      entry({ method: "GET", path: "/Users", status: 400, scimType: "invalidFilter", query: "filter=userName xx 1", errorDetail: "Invalid filter at position 10: unknown operator" }),
      { summary: "Entra tried to list users: refused as invalid (Invalid filter at position 10: unknown operator)", outcome: "refused", advice: /fixed in Entra/ }],
    ["Entra deactivates a user that is gone (404)", "entra",
      entry({ method: "PATCH", path: "/Users/usr_gone", status: 404, errorDetail: "User usr_gone not found", requestBody: patch({ op: "Replace", path: "active", value: "False" }) }),
      { summary: "Entra tried to deactivate user usr_gone: not found", outcome: "refused", advice: /This user is not in this directory/ }],
    ["Okta reactivates a user that is gone (404)", "okta",
      entry({ method: "PATCH", path: "/Users/usr_gone", status: 404, requestBody: patch({ op: "replace", value: { active: true } }) }),
      { summary: "Okta tried to reactivate user usr_gone: not found", outcome: "refused", advice: /restart provisioning in Okta/ }],
    ["a group that is gone (404)", "okta",
      entry({ method: "DELETE", path: "/Groups/grp_gone", status: 404 }),
      { summary: "Okta tried to delete group grp_gone: not found", outcome: "refused", advice: /This group is not in this directory/ }],
    ["a path that is not a SCIM endpoint (404)", "okta",
      entry({ method: "GET", path: "/Users/usr_1/extra", status: 404, errorDetail: "No SCIM endpoint at …" }),
      { summary: "Okta called an address that does not exist: /Users/usr_1/extra", outcome: "refused", advice: /Check the SCIM URL in Okta/ }],
    ["405", "generic",
      entry({ method: "DELETE", path: "/Users", status: 405 }),
      { summary: "The identity provider sent DELETE /Users: refused, that method is not supported there", outcome: "refused", advice: /the identity provider's configuration/ }],
    ["a 4xx without a detail", "okta",
      entry({ method: "PUT", path: "/Groups/grp_1", status: 422, subject: "Ops" }),
      { summary: "Okta tried to update group Ops: refused (422)", outcome: "refused" }],
    ["412 If-Match", "entra",
      entry({ method: "PATCH", path: "/Users/usr_1", status: 412, subject: "alice@acme.com" }),
      { summary: "Entra tried to update alice@acme.com: refused, it changed since Entra last read it", outcome: "refused", advice: /read the user again/ }],
    ["413 too large", "okta",
      entry({ method: "PATCH", path: "/Groups/grp_1", status: 413, requestBody: null }),
      { summary: "Okta tried to update group grp_1: refused, the request was too large", outcome: "refused", advice: /smaller parts/ }],
    ["415 wrong content type", "okta",
      entry({ method: "POST", path: "/Users", status: 415 }),
      { summary: "Okta tried to create a user: refused, the request was not sent as JSON", outcome: "refused", advice: /application\/scim\+json/ }],
    ["another 4xx keeps its status and detail", "okta",
      entry({ method: "POST", path: "/Users", status: 422, subject: "alice@acme.com", errorDetail: "Slow down" }),
      { summary: "Okta tried to create alice@acme.com: refused (422: Slow down)", outcome: "refused" }],
    ["500 failed on our side", "okta",
      entry({ method: "POST", path: "/Users", status: 500, subject: "alice@acme.com", errorDetail: "Internal server error; the request was not applied" }),
      { summary: "Okta tried to create alice@acme.com: failed on our side", outcome: "failed",
        advice: "Nothing was changed. Okta retries failed requests on its own; if this keeps happening, contact support." }],
    ["503 on a discovery read", "generic",
      entry({ method: "GET", path: "/ServiceProviderConfig", status: 503 }),
      { summary: "The identity provider tried to check the connection: failed on our side", outcome: "failed", advice: /The identity provider retries failed requests/ }],
  ])("%s", (_name, provider, facts, expected) => {
    const described = describeSyncLogEntry(facts, provider);
    expect(described.summary).toBe(expected.summary);
    expect(described.outcome).toBe(expected.outcome);
    if (expected.advice === undefined) expect(described.advice).toBeUndefined();
    else if (typeof expected.advice === "string") expect(described.advice).toBe(expected.advice);
    else expect(described.advice).toMatch(expected.advice);
  });

  it("clips a runaway name from the provider instead of swamping the row", () => {
    const described = describeSyncLogEntry(entry({ method: "POST", path: "/Users", status: 201, actions: ["user.created"], subject: `${"a".repeat(500)}@acme.com` }), "okta");
    expect(described.summary.length).toBeLessThan(140);
    expect(described.summary).toMatch(/^Okta created a+…$/);
  });
});

// Issue 12, item 8: the portal describes every entry of its log on every poll, so the describer must be linear in the
// stored query. Each of these valid filters took 300–550 ms at 9,000 characters with the backtracking regexes, and
// that cost grows with the square of the length: at 90,000 characters it would take about a minute. The linear
// describer takes milliseconds, so the 3 s bound below cannot fail on a slow machine yet cannot pass a quadratic one.
describe("describeSyncLogEntry: long filters cost linear time (issue 12)", () => {
  const spaces = " ".repeat(90_000);
  it.each([
    ["spaces inside a quoted eq value", `userName eq "${spaces}" and title pr`],
    ["spaces after an unquoted eq value", `userName eq x${spaces}y and title pr`],
    ["leading spaces", `${spaces}userName eq "x" and title pr`],
    ["many ampersands in a value", `displayName eq "${"&filter=".repeat(11_000)}\n"`],
  ])("%s", (_name, filter) => {
    const facts = entry({ method: "GET", path: "/Users", status: 200, query: `filter=${filter}&count=5` });
    const started = performance.now();
    const described = describeSyncLogEntry(facts, "okta");
    const elapsed = performance.now() - started;
    expect(described.summary).toMatch(/^Okta listed users \(filter /);
    expect(elapsed).toBeLessThan(3000);
  });

  it("still reads Entra's GUID connection test and a filter followed by other parameters", () => {
    const guid = entry({ method: "GET", path: "/Users", status: 200, query: 'filter=userName eq "  0f7bd0a4-7fe6-4e4b-8f0d-6a3a1a2b3c4d "&count=1' });
    expect(describeSyncLogEntry(guid, "entra").summary).toBe("Entra checked the connection");
    const amp = entry({ method: "GET", path: "/Users", status: 200, query: 'filter=displayName eq "R&D"&startIndex=1&count=0' });
    expect(describeSyncLogEntry(amp, "okta").summary).toBe('Okta listed users (filter displayName eq "R&D")');
  });
});

describe("describeSyncLogEntry: the limits of issue 12", () => {
  it("429: too many requests of one directory at once", () => {
    const facts = entry({ method: "POST", path: "/Users", status: 429, subject: "a@acme.com", errorDetail: "Too many requests for this directory at once" });
    expect(describeSyncLogEntry(facts, "okta")).toMatchObject({ summary: "Okta tried to create a@acme.com: refused, too many requests at once", outcome: "refused" });
  });

  it("503: the statement timeout stopped the request", () => {
    const facts = entry({ method: "GET", path: "/Users", status: 503, query: 'filter=displayName co "x"', errorDetail: "The request took longer than 10 s in the database and was stopped; nothing was changed." });
    expect(describeSyncLogEntry(facts, "entra")).toMatchObject({ summary: "Entra tried to list users: stopped, it took too long", outcome: "failed" });
  });
});

// Issue 14: changes a pull made are said with the source's name, whatever the directory's provider.
describe("describeSyncLogEntry: pulled changes", () => {
  const pulled = (source: string, facts: Partial<SyncLogEntryFacts>): SyncLogEntryFacts => ({
    method: "PULL", path: `/pull/${source}/syn_1`, status: 200, query: null, actions: [], subject: null, resourceType: null, resourceId: null,
    scimType: null, errorDetail: null, requestBody: null, ...facts,
  });
  it.each<[string, SyncLogEntryFacts, string]>([
    ["a Google user created", pulled("google", { status: 201, actions: ["user.created", "account.created"], subject: "alice@acme.com" }), "Google Workspace sync: created alice@acme.com"],
    ["a suspended Google user", pulled("google", { actions: ["user.deactivated", "account.deactivated"], subject: "bob@acme.com" }), "Google Workspace sync: deactivated bob@acme.com and signed them out"],
    ["a CSV row that came back", pulled("csv", { actions: ["user.reactivated"], subject: "carol@acme.com" }), "CSV import: reactivated carol@acme.com"],
    ["a Google group with members", pulled("google", { status: 201, actions: ["group.created", "group.member_added", "group.member_added"], subject: "Engineering" }), "Google Workspace sync: created group Engineering with 2 members"],
    ["members removed by a CSV import", pulled("csv", { actions: ["group.member_removed"], subject: "Sales" }), "CSV import: removed 1 member from Sales"],
  ])("%s", (_name, facts, summary) => {
    expect(describeSyncLogEntry(facts, "generic")).toEqual({ summary, outcome: "success" });
  });
});
