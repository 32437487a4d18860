import { z } from "zod";
import { DomainError } from "@/lib/domain-error";

/** Parses input at a boundary; the first problem becomes an INVALID_INPUT error naming its field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join(".") || undefined;
  throw new DomainError("INVALID_INPUT", field ? `${field}: ${issue.message}` : issue.message, field);
}
