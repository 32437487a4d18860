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

/**
 * Whom to ask for a new setup link: an email address or an http(s) address, so that the link pages can link to
 * it (mailto: or the page) and never render a tenant's text as anything but a plain link.
 */
export const supportContactSchema = z
  .string()
  .trim()
  .max(200, "must be at most 200 characters")
  .refine((v) => z.email().safeParse(v).success || (/^https?:\/\/\S+$/i.test(v) && z.url().safeParse(v).success), "must be an email address or an http(s) web address");

export const organizationNameSchema = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
