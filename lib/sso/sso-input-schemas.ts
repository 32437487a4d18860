import { z } from "zod";
import { DirectoryProvider } from "@/lib/db/generated/enums";

export const ssoProviderSchema = z.enum(DirectoryProvider, { error: "Choose your identity provider" });

/** An optional text field from a form: blank (or null) means "not given". */
export function optionalText(max?: { length: number; message: string }) {
  const text = max ? z.string().trim().max(max.length, max.message) : z.string().trim();
  return z.preprocess((v) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v), text.optional());
}
