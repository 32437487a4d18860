import type { ScimResourceRecord } from "@/lib/scim/resources";

/** The columns every SCIM resource query selects, in the shape the serializers take. */
export const RESOURCE_COLUMNS = `"id", "attributes", "version", "createdAt", "updatedAt"`;

export type ResourceRow = Pick<ScimResourceRecord, "id" | "attributes" | "version" | "createdAt" | "updatedAt">;
