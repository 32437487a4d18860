import { z } from "zod";
import { cursor, limitSchema, pageQuerySchema, scimAttributes, timestamp } from "./shared";

export const directoryGroupSchema = z
  .object({
    id: z.string().meta({ example: "grp_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    directory_id: z.string(),
    organization_id: z.string(),
    display_name: z.string(),
    external_id: z.string().nullable(),
    member_count: z.number().int(),
    attributes: scimAttributes,
    version: z.number().int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "DirectoryGroup" });

export const groupMemberSchema = z
  .object({ id: z.string().describe("The member's directory user id."), user_name: z.string(), display_name: z.string().nullable(), email: z.string().nullable(), active: z.boolean() })
  .meta({ id: "GroupMember" });

export const directoryGroupDetailSchema = directoryGroupSchema
  .extend({
    members: z.array(groupMemberSchema).describe("One page of members, in id order."),
    members_next_cursor: z.string().nullable().describe("Pass as ?after= for the next page of members; null on the last."),
  })
  .meta({ id: "DirectoryGroupDetail" });

export const listDirectoryGroupsQuerySchema = pageQuerySchema;

export const getDirectoryGroupQuerySchema = z.object({
  limit: limitSchema({ max: 1000, fallback: 100 }).describe("Members per page, 1 to 1000."),
  after: cursor.optional().describe("The members_next_cursor of the previous page."),
});

export const directoryGroupPathSchema = z.object({ id: z.string(), groupId: z.string() });
