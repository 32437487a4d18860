import { z } from "zod";
import { pageQuerySchema, scimAttributes, timestamp } from "./shared";

export const directoryUserSchema = z
  .object({
    id: z.string().meta({ example: "usr_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    directory_id: z.string(),
    organization_id: z.string(),
    user_name: z.string(),
    external_id: z.string().nullable(),
    email: z.string().nullable(),
    given_name: z.string().nullable(),
    family_name: z.string().nullable(),
    display_name: z.string().nullable(),
    active: z.boolean(),
    account_id: z.string().nullable().describe("The linked account, if any."),
    attributes: scimAttributes,
    version: z.number().int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "DirectoryUser" });

export const directoryUserDetailSchema = directoryUserSchema
  .extend({ groups: z.array(z.object({ id: z.string(), display_name: z.string() })).describe("Groups the user is a direct member of.") })
  .meta({ id: "DirectoryUserDetail" });

export const listDirectoryUsersQuerySchema = pageQuerySchema.extend({
  group: z.string().trim().min(1, "must not be empty").optional().describe("Only direct members of this group."),
  state: z.enum(["active", "inactive"], { error: "must be active or inactive" }).optional(),
});

export const directoryUserPathSchema = z.object({ id: z.string(), userId: z.string() });
