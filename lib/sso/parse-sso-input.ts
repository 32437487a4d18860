import { z } from "zod";
import { DirectoryProvider } from "@/lib/db/generated/enums";
import { DomainError } from "@/lib/domain-error";

export const ssoProviderSchema = z.enum(DirectoryProvider, { error: "Choose your identity provider" });

/**
 * Like `parseInput`, but the message is the schema's own sentence, without the field name in front: the
 * portal shows it under the field, where the customer's IT admin reads it ("Enter the client ID").
 */
export function parseSsoInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join(".") || undefined;
  throw new DomainError("INVALID_INPUT", issue.message, field);
}

/** An optional text field from a form: blank (or null) means "not given". */
export function optionalText(max?: { length: number; message: string }) {
  const text = max ? z.string().trim().max(max.length, max.message) : z.string().trim();
  return z.preprocess((v) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v), text.optional());
}
