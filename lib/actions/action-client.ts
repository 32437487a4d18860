import { createSafeActionClient } from "next-safe-action";
import { DomainError } from "@/lib/domain-error";

/**
 * What a failed server action tells the browser. A domain error the user caused keeps its message and the
 * field at fault, so the form can show it beside that field; anything else is ours and says so without
 * internals (the stack trace goes to the server log only).
 */
export type ActionServerError = { message: string; field?: string; code?: DomainError["code"] };

const OUR_FAULT = "Something went wrong on our side and nothing was changed. Try again; if it keeps happening, contact support.";

/**
 * The base of every server-action client. Each trust boundary (portal, console) builds its own client from
 * this one with a middleware that authenticates its caller, so that no action can skip its boundary's check.
 * Next.js itself refuses a server action whose Origin differs from the host, which covers cross-site posts.
 */
export const actionClient = createSafeActionClient<"flattened", ActionServerError>({
  defaultValidationErrorsShape: "flattened",
  handleServerError(err) {
    if (err instanceof DomainError) return { message: err.message, field: err.field, code: err.code };
    console.error("Server action failed:", err);
    return { message: OUR_FAULT };
  },
});
