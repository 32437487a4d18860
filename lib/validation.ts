import { z } from "zod";
import { DomainError } from "@/lib/domain-error";

/**
 * Parses input at a boundary; the first problem becomes an INVALID_INPUT error naming its field. With
 * `fieldInMessage: false` the message is the schema's own sentence alone, for a form that shows it under the
 * field ("Enter the client ID") rather than a CLI or API that needs to say which field.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, { fieldInMessage = true }: { fieldInMessage?: boolean } = {}): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join(".") || undefined;
  throw new DomainError("INVALID_INPUT", field && fieldInMessage ? `${field}: ${issue.message}` : issue.message, field);
}
