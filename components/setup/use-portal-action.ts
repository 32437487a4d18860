"use client";

import { useState } from "react";
import type { ActionServerError } from "@/lib/actions/action-client";

type ActionResult<Data> = {
  data?: Data;
  serverError?: ActionServerError;
  validationErrors?: { formErrors?: string[]; fieldErrors?: Partial<Record<string, string[] | undefined>> };
};

export type FieldErrors = Partial<Record<string, string>>;

const OFFLINE = "We could not reach the server, so nothing was saved. Check your connection and try again.";

/**
 * Runs a portal server action and sorts what went wrong: a message that belongs to a field (from the schema's
 * validation, or a domain error naming its field) goes under that input; anything else is a form message.
 */
export function usePortalAction<Input, Data>(action: (input: Input) => Promise<ActionResult<Data> | undefined>) {
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | undefined>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  async function run(input: Input): Promise<Data | undefined> {
    setPending(true);
    setFormError(undefined);
    setFieldErrors({});
    try {
      const result = await action(input);
      if (result?.validationErrors) {
        const fields: FieldErrors = {};
        for (const [name, messages] of Object.entries(result.validationErrors.fieldErrors ?? {})) if (messages?.[0]) fields[name] = messages[0];
        setFieldErrors(fields);
        const form = result.validationErrors.formErrors?.[0];
        if (form || Object.keys(fields).length === 0) setFormError(form ?? "Some of the values are not valid.");
        return undefined;
      }
      if (result?.serverError) {
        const { message, field } = result.serverError;
        if (field) setFieldErrors({ [field]: message });
        else setFormError(message);
        return undefined;
      }
      return result?.data;
    } catch {
      setFormError(OFFLINE);
      return undefined;
    } finally {
      setPending(false);
    }
  }

  return { run, pending, formError, fieldErrors, setFieldErrors };
}
