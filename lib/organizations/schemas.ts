import { z } from "zod";

export const organizationSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "must be 1-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen");

export const domainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a domain name such as acme.com");

export const organizationNameSchema = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
