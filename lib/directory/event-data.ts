import type { ScimResourceRecord } from "@/lib/scim/resources";
import { userColumnsFrom } from "@/lib/scim/resources";
import type { DirectoryRef } from "./types";

/**
 * The `data` of user events: what the host product needs without another call, the state always
 * included (active or inactive), and the raw SCIM attributes for anything else.
 */
export function userEventData(directory: DirectoryRef, user: Pick<ScimResourceRecord, "id" | "attributes">) {
  const c = userColumnsFrom(user.attributes);
  const emails = Array.isArray(user.attributes.emails) ? user.attributes.emails : [];
  return {
    id: user.id,
    directory_id: directory.id,
    organization_id: directory.organizationId,
    idp_id: c.externalId,
    user_name: c.userName,
    email: c.email,
    emails,
    first_name: c.givenName,
    last_name: c.familyName,
    display_name: c.displayName,
    state: c.active ? "active" : "inactive",
    raw_attributes: user.attributes,
  };
}

export function groupEventData(directory: DirectoryRef, group: Pick<ScimResourceRecord, "id" | "attributes">) {
  return {
    id: group.id,
    directory_id: directory.id,
    organization_id: directory.organizationId,
    idp_id: typeof group.attributes.externalId === "string" ? group.attributes.externalId : null,
    name: String(group.attributes.displayName ?? ""),
    raw_attributes: group.attributes,
  };
}
