// Malformed SCIM requests through real HTTP, one row each. Every row must come back as a SCIM Error
// (RFC 7644 §3.12) with the right status, scimType and a detail that tells the IdP's admin what to fix,
// and must leave the directory exactly as it was: a rejected request, PATCH included, applies nothing.
import { createHash } from "node:crypto";
import type { ScimType } from "../../lib/scim/errors";
import { expect, test } from "../fixtures";
import { newDirectory, type Directory } from "../support/cli";
import { directorySnapshot } from "../support/db";
import { ENTERPRISE_URN, GROUP_URN, PATCH_URN, USER_URN, scimClient, userBody } from "../support/scim";

const ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
const STACK_FRAME = /at .*\(.*:\d+:\d+\)/;
const STALE_ETAG = 'W/"999999"';
const KNOWN_USER_NAME = "known.user@example.com";
const KNOWN_GROUP_NAME = "Engineering";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

type Row = {
  name: string;
  method: Method;
  /** `{user}`, `{user2}` and `{group}` become the ids created in beforeAll, in the path, the body and headers. */
  path: string;
  /** An object is sent as JSON; a string is sent as is (broken JSON, an empty body). */
  body?: unknown;
  headers?: Record<string, string>;
  status: 400 | 401 | 404 | 405 | 409 | 412 | 413 | 415;
  scimType?: ScimType;
  detail: RegExp;
  /** Response headers the status requires (WWW-Authenticate on 401, Allow on 405). */
  responseHeaders?: Record<string, RegExp>;
};

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });
const group = (extra: Record<string, unknown> = {}) => ({ schemas: [GROUP_URN], displayName: "Bad input group", ...extra });
/** A list query; URLSearchParams encodes spaces as `+`, as Microsoft's SCIM Validator sends them (idp-payloads.md §1.2). */
const list = (resource: "Users" | "Groups", params: Record<string, string>) => `/${resource}?${new URLSearchParams(params)}`;
const filter = (resource: "Users" | "Groups", expr: string) => list(resource, { filter: expr });
/** Just over MAX_BODY_BYTES (1 MB, lib/http/scim-response.ts), inside an otherwise valid body. */
const padding = "x".repeat(1024 * 1024 + 1);
/** A reproducible string Postgres can't compress: far over a btree index entry's limit, far under MAX_BODY_BYTES. */
function incompressible(length: number): string {
  let out = "";
  for (let block = "seed"; out.length < length; ) out += block = createHash("sha256").update(block).digest("base64url");
  return out.slice(0, length);
}
const HUGE_NAME = incompressible(9000);

// RFC 7231 §6.5.5 (RFC 9110 §15.5.6): a 405 MUST carry Allow with the methods the resource supports.
const allow = (...methods: string[]) => ({ Allow: new RegExp(`^${methods.join(",\\s*")}$`) });

const ROWS: Row[] = [
  // ── Bodies: RFC 7644 §3.12 invalidSyntax for a body that isn't a SCIM message at all ────────────────
  { name: "invalid JSON (trailing comma)", method: "POST", path: "/Users", body: `{"schemas":["${USER_URN}"],"userName":"x",}`, status: 400, scimType: "invalidSyntax", detail: /^The request body is not valid JSON: .*position \d+/ },
  { name: "invalid JSON (truncated)", method: "POST", path: "/Groups", body: `{"schemas":["${GROUP_URN}"],"displayName":`, status: 400, scimType: "invalidSyntax", detail: /^The request body is not valid JSON/ },
  { name: "empty body", method: "POST", path: "/Users", body: "", status: 400, scimType: "invalidSyntax", detail: /request body is empty/ },
  { name: "JSON array body", method: "POST", path: "/Users", body: [userBody("array.user@example.com")], status: 400, scimType: "invalidSyntax", detail: /must be a JSON object/ },
  { name: "JSON null body", method: "POST", path: "/Groups", body: "null", status: 400, scimType: "invalidSyntax", detail: /must be a JSON object/ },
  { name: "JSON array body on PATCH", method: "PATCH", path: "/Users/{user}", body: [{ op: "replace", path: "active", value: false }], status: 400, scimType: "invalidSyntax", detail: /must be a JSON object/ },
  { name: "body over 1 MB", method: "POST", path: "/Users", body: userBody("big.user@example.com", { nickName: padding }), status: 413, detail: /larger than 1048576 bytes/ },
  { name: "body over 1 MB on PATCH", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "replace", path: "displayName", value: padding }), status: 413, detail: /larger than 1048576 bytes/ },

  // ── Headers ─────────────────────────────────────────────────────────────────────────────────────────
  { name: "Content-Type text/plain", method: "POST", path: "/Users", body: userBody("plain.user@example.com"), headers: { "Content-Type": "text/plain" }, status: 415, detail: /Content-Type text\/plain is not supported; send application\/scim\+json/ },
  { name: "Content-Type application/xml", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "replace", path: "displayName", value: "Xml" }), headers: { "Content-Type": "application/xml" }, status: 415, detail: /Content-Type application\/xml is not supported/ },
  // RFC 7644 §3.1/§8.1: SCIM bodies are application/scim+json (or application/json); a JSON Patch (RFC 6902) media
  // type is a different format. The PATCH itself is a no-op (active is already true), so nothing can change.
  { name: "Content-Type application/json-patch+json", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "active", value: true }), headers: { "Content-Type": "application/json-patch+json" }, status: 415, detail: /Content-Type application\/json-patch\+json is not supported/ },
  { name: "empty Authorization header", method: "GET", path: "/Users/{user}", headers: { Authorization: "" }, status: 401, detail: /Authentication required: send Authorization: Bearer/, responseHeaders: { "WWW-Authenticate": /^Bearer / } },
  { name: "Basic instead of Bearer", method: "DELETE", path: "/Users/{user}", headers: { Authorization: "Basic dXNlcjpwYXNz" }, status: 401, detail: /Authentication required: send Authorization: Bearer/, responseHeaders: { "WWW-Authenticate": /^Bearer / } },
  { name: "unknown bearer token", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "active", value: false }), headers: { Authorization: "Bearer dsync_scim_notarealtoken" }, status: 401, detail: /Invalid SCIM token for this directory/, responseHeaders: { "WWW-Authenticate": /^Bearer / } },
  // RFC 7644 §3.14: a stale version is 412, for every write.
  { name: "If-Match mismatch on PUT", method: "PUT", path: "/Users/{user}", body: userBody(KNOWN_USER_NAME, { displayName: "Stale write" }), headers: { "If-Match": STALE_ETAG }, status: 412, detail: /If-Match W\/"999999" does not match the current version W\/"\d+"/ },
  { name: "If-Match mismatch on PATCH", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "active", value: false }), headers: { "If-Match": STALE_ETAG }, status: 412, detail: /If-Match W\/"999999" does not match the current version W\/"\d+"/ },
  { name: "If-Match mismatch on DELETE", method: "DELETE", path: "/Users/{user}", headers: { "If-Match": STALE_ETAG }, status: 412, detail: /If-Match W\/"999999" does not match the current version W\/"\d+"/ },
  { name: "If-Match mismatch on group PUT", method: "PUT", path: "/Groups/{group}", body: group({ displayName: KNOWN_GROUP_NAME, members: [] }), headers: { "If-Match": STALE_ETAG }, status: 412, detail: /If-Match W\/"999999" does not match/ },
  { name: "If-Match mismatch on group PATCH", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "remove", path: "members" }), headers: { "If-Match": STALE_ETAG }, status: 412, detail: /If-Match W\/"999999" does not match/ },
  { name: "If-Match mismatch on group DELETE", method: "DELETE", path: "/Groups/{group}", headers: { "If-Match": STALE_ETAG }, status: 412, detail: /If-Match W\/"999999" does not match/ },

  // ── POST/PUT /Users: request schema (invalidSyntax), attribute values (invalidValue), id (mutability) ─
  { name: "missing schemas", method: "POST", path: "/Users", body: { userName: "noschemas@example.com" }, status: 400, scimType: "invalidSyntax", detail: /schemas must be an array including "urn:ietf:params:scim:schemas:core:2\.0:User"/ },
  { name: "wrong schemas URN", method: "POST", path: "/Users", body: { schemas: [GROUP_URN], userName: "wrongurn@example.com" }, status: 400, scimType: "invalidSyntax", detail: /schemas must include "urn:ietf:params:scim:schemas:core:2\.0:User"/ },
  { name: "missing userName", method: "POST", path: "/Users", body: { schemas: [USER_URN], active: true }, status: 400, scimType: "invalidValue", detail: /^userName is required$/ },
  { name: "userName a number", method: "POST", path: "/Users", body: { schemas: [USER_URN], userName: 42 }, status: 400, scimType: "invalidValue", detail: /^userName must be a string$/ },
  { name: "userName empty string", method: "POST", path: "/Users", body: { schemas: [USER_URN], userName: "" }, status: 400, scimType: "invalidValue", detail: /^userName is required$/ },
  { name: 'active "maybe"', method: "POST", path: "/Users", body: userBody("maybe.user@example.com", { active: "maybe" }), status: 400, scimType: "invalidValue", detail: /^active: expected a boolean$/ },
  { name: "emails not an array", method: "POST", path: "/Users", body: userBody("emails.user@example.com", { emails: "emails.user@example.com" }), status: 400, scimType: "invalidValue", detail: /^emails: .*expected array/ },
  { name: "emails[1].primary not a boolean", method: "POST", path: "/Users", body: userBody("primary.user@example.com", { emails: [{ value: "a@example.com", type: "work" }, { value: "b@example.com", type: "home", primary: "sometimes" }] }), status: 400, scimType: "invalidValue", detail: /^emails\[1\]\.primary: expected a boolean$/ },
  { name: "name as a string", method: "POST", path: "/Users", body: userBody("name.user@example.com", { name: "Name User" }), status: 400, scimType: "invalidValue", detail: /^name: .*expected object/ },
  { name: "enterprise employeeNumber a number", method: "POST", path: "/Users", body: userBody("ent.user@example.com", { schemas: [USER_URN, ENTERPRISE_URN], [ENTERPRISE_URN]: { employeeNumber: 1001 } }), status: 400, scimType: "invalidValue", detail: /^urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.employeeNumber: .*expected string/ },
  // An `id` in a POST body is ignored, not refused: identity providers may echo one (idp-payloads.md §3, item 8).
  { name: "PUT with a different id than the URL", method: "PUT", path: "/Users/{user}", body: userBody(KNOWN_USER_NAME, { id: "{user2}" }), status: 400, scimType: "mutability", detail: /^id cannot be changed$/ },
  { name: "PUT without userName", method: "PUT", path: "/Users/{user}", body: { schemas: [USER_URN], displayName: "No userName" }, status: 400, scimType: "invalidValue", detail: /^userName is required$/ },
  // RFC 7644 §3.3: a duplicate of a unique attribute is 409 uniqueness; userName is caseExact=false (RFC 7643 §4.1).
  { name: "duplicate userName in a different case", method: "POST", path: "/Users", body: userBody("KNOWN.User@EXAMPLE.com"), status: 409, scimType: "uniqueness", detail: /userName "KNOWN\.User@EXAMPLE\.com" is already in use/ },
  // RFC 7643 §2.3.1 strings are Unicode, but the store can't hold U+0000 or a 9,000-character indexed value: the
  // client's value is what's wrong, so 400 invalidValue naming the attribute, never a 500.
  { name: "userName containing U+0000", method: "POST", path: "/Users", body: userBody("nul\u0000byte@example.com"), status: 400, scimType: "invalidValue", detail: /userName/ },
  { name: "userName of 9,000 characters", method: "POST", path: "/Users", body: userBody(`${HUGE_NAME}@example.com`), status: 400, scimType: "invalidValue", detail: /userName/ },
  { name: "PUT to another user's userName", method: "PUT", path: "/Users/{user2}", body: userBody("Known.User@Example.com"), status: 409, scimType: "uniqueness", detail: /userName "Known\.User@Example\.com" is already in use/ },

  // ── POST/PUT /Groups ────────────────────────────────────────────────────────────────────────────────
  { name: "group schemas not an array", method: "POST", path: "/Groups", body: { schemas: GROUP_URN, displayName: "Not an array" }, status: 400, scimType: "invalidSyntax", detail: /schemas must be an array including "urn:ietf:params:scim:schemas:core:2\.0:Group"/ },
  { name: "duplicate group displayName", method: "POST", path: "/Groups", body: group({ displayName: "ENGINEERING" }), status: 409, scimType: "uniqueness", detail: /displayName "ENGINEERING" already exists/ },
  { name: "group displayName of 9,000 characters", method: "POST", path: "/Groups", body: group({ displayName: HUGE_NAME }), status: 400, scimType: "invalidValue", detail: /displayName/ },
  { name: "group without displayName", method: "POST", path: "/Groups", body: { schemas: [GROUP_URN], members: [] }, status: 400, scimType: "invalidValue", detail: /^displayName is required$/ },
  { name: "group displayName a number", method: "POST", path: "/Groups", body: group({ displayName: 7 }), status: 400, scimType: "invalidValue", detail: /^displayName must be a string$/ },
  { name: "member without value", method: "POST", path: "/Groups", body: group({ members: [{ value: "{user}" }, { display: "Nobody" }] }), status: 400, scimType: "invalidValue", detail: /^members\[1\]\.value: value is required$/ },
  { name: "members not an array", method: "POST", path: "/Groups", body: group({ members: { value: "{user}" } }), status: 400, scimType: "invalidValue", detail: /^members: .*expected array/ },
  { name: "group PUT with a different id than the URL", method: "PUT", path: "/Groups/{group}", body: group({ id: "grp_another", displayName: KNOWN_GROUP_NAME }), status: 400, scimType: "mutability", detail: /^id cannot be changed$/ },
  { name: "group PUT with a member without value", method: "PUT", path: "/Groups/{group}", body: group({ displayName: KNOWN_GROUP_NAME, members: [{ display: "Nobody" }] }), status: 400, scimType: "invalidValue", detail: /^members\[0\]\.value: value is required$/ },

  // ── PATCH /Users/{id}: RFC 7644 §3.5.2 ──────────────────────────────────────────────────────────────
  { name: "PATCH missing Operations", method: "PATCH", path: "/Users/{user}", body: { schemas: [PATCH_URN] }, status: 400, scimType: "invalidSyntax", detail: /^Operations must be an array$/ },
  { name: "PATCH Operations an object", method: "PATCH", path: "/Users/{user}", body: { schemas: [PATCH_URN], Operations: { op: "replace", path: "active", value: false } }, status: 400, scimType: "invalidSyntax", detail: /^Operations must be an array$/ },
  { name: "PATCH with the User schema URN", method: "PATCH", path: "/Users/{user}", body: { schemas: [USER_URN], Operations: [{ op: "replace", path: "active", value: false }] }, status: 400, scimType: "invalidSyntax", detail: /schemas must include "urn:ietf:params:scim:api:messages:2\.0:PatchOp"/ },
  { name: 'PATCH op "move"', method: "PATCH", path: "/Users/{user}", body: patch({ op: "move", path: "displayName", value: "x" }), status: 400, scimType: "invalidSyntax", detail: /^Operations\[0\]\.op: op must be "add", "remove" or "replace"$/ },
  { name: "PATCH operation without op", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "nickName", value: "ok" }, { path: "active", value: false }), status: 400, scimType: "invalidSyntax", detail: /^Operations\[1\]\.op: op is required$/ },
  { name: "PATCH operation a string", method: "PATCH", path: "/Users/{user}", body: patch("replace"), status: 400, scimType: "invalidSyntax", detail: /^Operations\[0\]: each operation must be an object$/ },
  // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails with ... noTarget".
  { name: "PATCH remove without path", method: "PATCH", path: "/Users/{user}", body: patch({ op: "remove" }), status: 400, scimType: "noTarget", detail: /remove operation needs a path/ },
  { name: "PATCH path with an unclosed [", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: 'emails[type eq "work"', value: "x@example.com" }), status: 400, scimType: "invalidPath", detail: /^Invalid path at position 22: expected "and", "or" or "\]", found the end of the path$/ },
  { name: "PATCH path with three levels", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "name.givenName.first", value: "x" }), status: 400, scimType: "invalidPath", detail: /^Invalid path at position 1: "name\.givenName\.first" is not a valid attribute path$/ },
  { name: "PATCH value filter with a bad operator", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: 'emails[type zz "work"].value', value: "x@example.com" }), status: 400, scimType: "invalidPath", detail: /^Invalid path at position 13: expected a comparison operator .* after "type", found "zz"$/ },
  { name: "PATCH [ ] filter on a single-valued attribute", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: 'name[givenName eq "Known"].familyName', value: "x" }), status: 400, scimType: "invalidPath", detail: /name is not multi-valued/ },
  // RFC 7644 §3.5.2.3: a replace whose value filter matches nothing is noTarget.
  { name: "PATCH replace through a filter that matches nothing", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: 'emails[value sw "nobody"].type', value: "other" }), status: 400, scimType: "noTarget", detail: /^emails\[value sw "nobody"\]\.type: no value matched the filter$/ },
  // RFC 7644 §3.5.2: an operation incompatible with the attribute's mutability (RFC 7643 §7: readOnly) is mutability.
  { name: "PATCH replace id", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "id", value: "usr_other" }), status: 400, scimType: "mutability", detail: /^id is read-only$/ },
  { name: "PATCH replace meta.created", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "meta.created", value: "2001-01-01T00:00:00Z" }), status: 400, scimType: "mutability", detail: /^meta\.created is read-only$/ },
  { name: "PATCH replace groups", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "groups", value: [{ value: "{group}" }] }), status: 400, scimType: "mutability", detail: /^groups is read-only$/ },
  { name: "PATCH without path changing id", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", value: { id: "{user2}", displayName: "Renamed" } }), status: 400, scimType: "mutability", detail: /^id cannot be changed$/ },
  { name: 'PATCH replace userName with ""', method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "userName", value: "" }), status: 400, scimType: "invalidValue", detail: /^userName is required$/ },
  { name: "PATCH replace userName with 42", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "userName", value: 42 }), status: 400, scimType: "invalidValue", detail: /^userName: .*expected string, received number$/ },
  // RFC 7644 §3.5.2.2: "If an attribute is removed or becomes unassigned and is defined as a required attribute or a
  // read-only attribute, the server SHALL return ... a "scimType" error code of "mutability"."
  { name: "PATCH remove userName (required)", method: "PATCH", path: "/Users/{user}", body: patch({ op: "remove", path: "userName" }), status: 400, scimType: "mutability", detail: /userName/ },
  { name: "PATCH replace userName with another user's, in a different case", method: "PATCH", path: "/Users/{user2}", body: patch({ op: "replace", path: "userName", value: "KNOWN.USER@example.com" }), status: 409, scimType: "uniqueness", detail: /userName "KNOWN\.USER@example\.com" is already in use/ },
  { name: "PATCH replace name.givenName with a number", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "name.givenName", value: 42 }), status: 400, scimType: "invalidValue", detail: /^name\.givenName: .*expected string/ },
  { name: "PATCH enterprise employeeNumber with a number", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: `${ENTERPRISE_URN}:employeeNumber`, value: 1002 }), status: 400, scimType: "invalidValue", detail: /^urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User:employeeNumber: .*expected string/ },
  { name: "PATCH replace displayName with U+0000 in it", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "displayName", value: "Known\u0000User" }), status: 400, scimType: "invalidValue", detail: /^Operations\[0\]\.value contains a NUL character/ },
  { name: "PATCH without path and a non-object value", method: "PATCH", path: "/Users/{user}", body: patch({ op: "add", value: "displayName" }), status: 400, scimType: "invalidValue", detail: /without a path needs an object value/ },
  // RFC 7644 §3.5.2: PATCH is atomic. The first operation alone would succeed; the snapshot proves it was not applied.
  { name: "PATCH one valid op then one invalid op", method: "PATCH", path: "/Users/{user}", body: patch({ op: "replace", path: "displayName", value: "Half applied" }, { op: "replace", path: "active", value: "maybe" }), status: 400, scimType: "invalidValue", detail: /^active: expected a boolean$/ },

  // ── PATCH /Groups/{id} ──────────────────────────────────────────────────────────────────────────────
  { name: "group PATCH add a member without value", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "add", path: "members", value: [{ display: "Nobody" }] }), status: 400, scimType: "invalidValue", detail: /^members\[0\]\.value: value is required$/ },
  { name: "group PATCH rename and add a member, then an invalid op", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "replace", path: "displayName", value: "Half applied" }, { op: "add", path: "members", value: [{ value: "{user2}" }] }, { op: "replace", path: "displayName", value: 42 }), status: 400, scimType: "invalidValue", detail: /^displayName: .*expected string, received number$/ },
  // RFC 7644 §3.5.2.2, as above: displayName is required for a Group (RFC 7643 §4.2), so unassigning it is mutability.
  { name: "group PATCH replace displayName with null (required)", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "replace", path: "displayName", value: null }), status: 400, scimType: "mutability", detail: /displayName/ },
  { name: "group PATCH replace displayName with U+0000 in it", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "replace", path: "displayName", value: "Engi\u0000neering" }), status: 400, scimType: "invalidValue", detail: /^Operations\[0\]\.value contains a NUL character/ },
  { name: "group PATCH replace id", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "replace", path: "id", value: "grp_other" }), status: 400, scimType: "mutability", detail: /^id is read-only$/ },
  { name: "group PATCH a member sub-attribute", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "replace", path: 'members[value eq "{user}"].display', value: "x" }), status: 400, scimType: "invalidPath", detail: /Member sub-attributes cannot be patched/ },
  { name: "group PATCH remove members with an unsupported filter", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "remove", path: 'members[value ne "{user}"]' }), status: 400, scimType: "invalidFilter", detail: /Members can only be selected with value eq/ },
  { name: "group PATCH path with an unclosed [", method: "PATCH", path: "/Groups/{group}", body: patch({ op: "remove", path: 'members[value eq "{user}"' }), status: 400, scimType: "invalidPath", detail: /^Invalid path at position \d+: expected "and", "or" or "\]", found the end of the path$/ },

  // ── Filters: RFC 7644 §3.4.2.2, invalidFilter with the 1-based position of the mistake ─────────────────
  { name: "filter: userName eq (no value)", method: "GET", path: filter("Users", "userName eq"), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 12: expected a value after "eq", found the end of the filter$/ },
  { name: 'filter: userName equals "x"', method: "GET", path: filter("Users", 'userName equals "x"'), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 10: expected a comparison operator \(eq, ne, co, sw, ew, gt, ge, lt, le or pr\) after "userName", found "equals"$/ },
  { name: 'filter: (userName eq "x" (unclosed)', method: "GET", path: filter("Users", '(userName eq "x"'), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 17: expected "and", "or" or "\)", found the end of the filter$/ },
  { name: 'filter: userName eq "x" and (dangling)', method: "GET", path: filter("Users", 'userName eq "x" and'), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 20: expected an attribute name, "not" or "\(", found the end of the filter$/ },
  { name: "filter: unknown operator", method: "GET", path: filter("Users", 'userName like "x%"'), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 10: expected a comparison operator .* found "like"$/ },
  { name: 'filter: emails[type eq "work" (unclosed)', method: "GET", path: filter("Users", 'emails[type eq "work"'), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 22: expected "and", "or" or "\]", found the end of the filter$/ },
  { name: 'filter: meta.created gt "not-a-date"', method: "GET", path: filter("Users", 'meta.created gt "not-a-date"'), status: 400, scimType: "invalidFilter", detail: /"meta\.created" is a dateTime; "not-a-date" is not an xsd:dateTime/ },
  { name: "filter: active gt true", method: "GET", path: filter("Users", "active gt true"), status: 400, scimType: "invalidFilter", detail: /"active" is a boolean; it supports only eq, ne and pr, not "gt"/ },
  { name: "filter: unknown schema URN", method: "GET", path: filter("Users", 'urn:example:params:scim:schemas:custom:2.0:Widget:color eq "blue"'), status: 400, scimType: "invalidFilter", detail: /"urn:example:params:scim:schemas:custom:2\.0:Widget:color" uses an unknown schema URN/ },
  { name: "filter: single-quoted value", method: "GET", path: filter("Users", "userName eq 'x'"), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 13: string values must be in double quotes/ },
  { name: "filter: unterminated string", method: "GET", path: filter("Users", 'userName eq "x'), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 13: the string starting here has no closing quote$/ },
  { name: "filter: longer than 4,096 characters (issue 12)", method: "GET", path: filter("Users", `displayName co "${"a".repeat(10_000)}"`), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 1: the filter is longer than 4096 characters$/ },
  { name: "filter: nested more than 50 levels", method: "GET", path: filter("Users", `${"(".repeat(51)}userName eq "x"${")".repeat(51)}`), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 51: the filter is nested more than 50 levels deep$/ },
  { name: "filter: displayName co (no value)", method: "GET", path: filter("Groups", "displayName co"), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 15: expected a value after "co", found the end of the filter$/ },
  { name: 'filter: members[value eq "x" (unclosed)', method: "GET", path: filter("Groups", 'members[value eq "x"'), status: 400, scimType: "invalidFilter", detail: /^Invalid filter at position 21: expected "and", "or" or "\]"/ },
  { name: "filter: meta.lastModified with month 13", method: "GET", path: filter("Groups", 'meta.lastModified ge "2024-13-01T00:00:00Z"'), status: 400, scimType: "invalidFilter", detail: /"meta\.lastModified" is a dateTime; "2024-13-01T00:00:00Z" is not an xsd:dateTime/ },
  { name: "filter: the enterprise User extension on Groups", method: "GET", path: filter("Groups", `${ENTERPRISE_URN}:department eq "x"`), status: 400, scimType: "invalidFilter", detail: /uses an unknown schema URN/ },

  // ── Other query parameters: RFC 7644 §3.4.2.3 (sorting), §3.4.2.4 (pagination) ─────────────────────────
  { name: "startIndex=abc", method: "GET", path: list("Users", { startIndex: "abc" }), status: 400, scimType: "invalidValue", detail: /^startIndex must be an integer$/ },
  { name: "count=abc", method: "GET", path: list("Groups", { count: "abc" }), status: 400, scimType: "invalidValue", detail: /^count must be an integer$/ },
  { name: "count=1.5", method: "GET", path: list("Users", { count: "1.5" }), status: 400, scimType: "invalidValue", detail: /^count must be an integer$/ },
  { name: 'sortBy=emails[type eq "work"]', method: "GET", path: list("Users", { sortBy: 'emails[type eq "work"]' }), status: 400, scimType: "invalidValue", detail: /sortBy "emails\[type eq "work"\]" must name an attribute, not a filter/ },
  { name: "sortOrder=sideways", method: "GET", path: list("Groups", { sortBy: "displayName", sortOrder: "sideways" }), status: 400, scimType: "invalidValue", detail: /^sortOrder must be "ascending" or "descending"$/ },

  // ── Routing: unknown paths and ids are 404, unsupported methods 405, all as SCIM errors ───────────────
  { name: "unknown resource /Widgets", method: "GET", path: "/Widgets", status: 404, detail: /^No SCIM endpoint at \/scim\/v2\/[^/]+\/Widgets$/ },
  { name: "unknown user id", method: "GET", path: "/Users/usr_doesnotexist", status: 404, detail: /^User usr_doesnotexist not found$/ },
  { name: "PATCH an unknown user id", method: "PATCH", path: "/Users/usr_doesnotexist", body: patch({ op: "replace", path: "active", value: false }), status: 404, detail: /^User usr_doesnotexist not found$/ },
  { name: "unknown group id", method: "GET", path: "/Groups/grp_doesnotexist", status: 404, detail: /^Group grp_doesnotexist not found$/ },
  { name: "DELETE an unknown group id", method: "DELETE", path: "/Groups/grp_doesnotexist", status: 404, detail: /^Group grp_doesnotexist not found$/ },
  { name: "a segment below a user", method: "GET", path: "/Users/{user}/extra", status: 404, detail: /^No SCIM endpoint at \/scim\/v2\/[^/]+\/Users\/usr_\w+\/extra$/ },
  { name: "a segment below /ServiceProviderConfig", method: "GET", path: "/ServiceProviderConfig/extra", status: 404, detail: /^No SCIM endpoint at \/scim\/v2\/[^/]+\/ServiceProviderConfig\/extra$/ },
  { name: "POST on a user", method: "POST", path: "/Users/{user}", body: userBody("post.on.user@example.com"), status: 405, detail: /^POST is not supported on \/scim\/v2\/[^/]+\/Users\/usr_\w+; use GET, PUT, PATCH, DELETE$/, responseHeaders: allow("GET", "PUT", "PATCH", "DELETE") },
  { name: "DELETE on /Users", method: "DELETE", path: "/Users", status: 405, detail: /^DELETE is not supported on \/scim\/v2\/[^/]+\/Users; use GET, POST$/, responseHeaders: allow("GET", "POST") },
  { name: "PATCH on /Groups", method: "PATCH", path: "/Groups", body: patch({ op: "remove", path: "members" }), status: 405, detail: /^PATCH is not supported on \/scim\/v2\/[^/]+\/Groups; use GET, POST$/, responseHeaders: allow("GET", "POST") },
  { name: "PUT on /ServiceProviderConfig", method: "PUT", path: "/ServiceProviderConfig", body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"] }, status: 405, detail: /^PUT is not supported on \/scim\/v2\/[^/]+\/ServiceProviderConfig; use GET$/, responseHeaders: allow("GET") },
  { name: "unknown schema URN", method: "GET", path: "/Schemas/urn:x", status: 404, detail: /^Schema urn:x not found$/ },
  { name: "unknown resource type", method: "GET", path: "/ResourceTypes/Widget", status: 404, detail: /^Resource type Widget not found$/ },
];

type Known = { directory: Directory; user: string; user2: string; group: string };
let known: Known;

/** Replaces `{user}`, `{user2}` and `{group}` in every string of `value`. */
function fill<T>(value: T): T {
  const ids: Record<string, string> = { user: known.user, user2: known.user2, group: known.group };
  const replace = (s: string) => s.replace(/\{(user2|user|group)\}/g, (_, key: string) => ids[key]!);
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return replace(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

test.describe("malformed requests to /scim/v2/{dir}/… (RFC 7644 §3.12)", () => {
  test.beforeAll(async () => {
    const directory = newDirectory();
    const scim = scimClient(directory);
    const user = await scim.post("/Users", userBody(KNOWN_USER_NAME, {
      schemas: [USER_URN, ENTERPRISE_URN],
      name: { givenName: "Known", familyName: "User", formatted: "Known User" },
      displayName: "Known User",
      emails: [{ value: KNOWN_USER_NAME, type: "work", primary: true }, { value: "known@home.example.com", type: "home" }],
      [ENTERPRISE_URN]: { employeeNumber: "E-1001", department: "Engineering" },
    }));
    expect(user.status, user.text).toBe(201);
    const user2 = await scim.post("/Users", userBody("second.user@example.com"));
    expect(user2.status, user2.text).toBe(201);
    const userId = String(user.body?.id);
    const created = await scim.post("/Groups", { schemas: [GROUP_URN], displayName: KNOWN_GROUP_NAME, members: [{ value: userId }] });
    expect(created.status, created.text).toBe(201);
    known = { directory, user: userId, user2: String(user2.body?.id), group: String(created.body?.id) };
    expect(await directorySnapshot(directory.id)).toMatchObject({ users: [{}, {}], groups: [{}], members: [{ userId }] });
  });

  const titles = new Set<string>();
  for (const row of ROWS) {
    const title = `${row.method} ${row.path.split("?")[0]}: ${row.name}`;
    if (titles.has(title)) throw new Error(`duplicate row: ${title}`);
    titles.add(title);

    test(title, async () => {
      const scim = scimClient(known.directory);
      const before = await directorySnapshot(known.directory.id);

      const res = await scim.request(row.method, fill(row.path), fill(row.body), row.headers && fill(row.headers));

      expect(res.status, res.text.slice(0, 2000)).toBe(row.status);
      expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json(;|$)/);
      expect(res.body, res.text.slice(0, 2000)).toBeDefined();
      const body = res.body!;
      expect(body.schemas).toEqual([ERROR_URN]);
      expect(body.status).toBe(String(row.status));
      if (row.scimType) expect(body.scimType, res.text).toBe(row.scimType);
      else expect(body, res.text).not.toHaveProperty("scimType");
      expect(typeof body.detail, res.text).toBe("string");
      expect(body.detail as string).toMatch(row.detail);
      expect(body.detail as string).not.toMatch(STACK_FRAME);
      expect(res.text).not.toMatch(STACK_FRAME);
      for (const [name, value] of Object.entries(row.responseHeaders ?? {})) {
        expect(res.headers.get(name) ?? "(absent)", `${name} header`).toMatch(value);
      }

      expect(await directorySnapshot(known.directory.id)).toEqual(before);
    });
  }

  // RFC 7644 §3.4.2.4: startIndex is "a positive integer", so a huge one is well-formed: the page past the last
  // result is empty. A 400 invalidValue for an index beyond the server's range is defensible too; a 500 is not.
  test("GET /Users: startIndex=99999999999999999999 is an empty page or a 400, never a 500", async () => {
    const res = await scimClient(known.directory).get(list("Users", { startIndex: "99999999999999999999" }));
    expect([200, 400], res.text).toContain(res.status);
    if (res.status === 200) expect(res.body, res.text).toMatchObject({ totalResults: 2, Resources: [] });
    else expect(res.body, res.text).toMatchObject({ schemas: [ERROR_URN], status: "400", scimType: "invalidValue", detail: expect.stringMatching(/startIndex/) });
  });
});
