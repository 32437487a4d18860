import type { ActionServerError } from "@/lib/actions/action-client";

type ActionResult = { serverError?: ActionServerError; validationErrors?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } };

/** The sentence to show for a failed action, and the field it belongs to when there is one. */
export function actionError(result: ActionResult | undefined): { message: string; field?: string } | undefined {
  if (!result) return undefined;
  if (result.serverError) return { message: result.serverError.message, field: result.serverError.field };
  const v = result.validationErrors;
  if (v) {
    const [field, messages] = Object.entries(v.fieldErrors ?? {}).find(([, m]) => m?.length) ?? [];
    if (field && messages) return { message: `${field}: ${messages[0]}`, field };
    if (v.formErrors?.length) return { message: v.formErrors[0]! };
  }
  return undefined;
}

/** Strips the "field: " prefix domain errors carry, for a message shown right under that field. */
export function fieldMessage(error: { message: string; field?: string } | undefined, field: string): string | undefined {
  if (!error || error.field !== field) return undefined;
  return error.message.startsWith(`${field}: `) ? `${field.charAt(0).toUpperCase()}${field.slice(1)} ${error.message.slice(field.length + 2)}` : error.message;
}
