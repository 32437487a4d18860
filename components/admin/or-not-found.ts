import { notFound } from "next/navigation";
import { DomainError } from "@/lib/domain-error";

/** A console page for something that does not exist (or no longer does) is a 404 page, not an error. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One query parameter as a string (the last one if repeated), trimmed and bounded. */
export function param(params: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = params[name];
  const text = (Array.isArray(value) ? value.at(-1) : value)?.trim();
  return text ? text.slice(0, 200) : undefined;
}
