import type { SignInExit } from "@/lib/sign-in/finish-sign-in";
import type { SignInStep } from "@/lib/sign-in/start-sign-in";
import type { SignInError } from "@/lib/sign-in/sign-in-error";

const NO_STORE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/** The browser's next step of a sign-in: a 302, or the self-submitting form of the SAML HTTP-POST binding. */
export function signInStepResponse(step: SignInStep | SignInExit): Response {
  if (step.kind === "redirect") return new Response(null, { status: 302, headers: { Location: step.url, ...NO_STORE } });
  if (step.kind === "post") {
    const inputs = Object.entries(step.fields).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("");
    return html(
      200,
      "Signing you in…",
      `<form id="sso-post" method="post" action="${escapeHtml(step.action)}">${inputs}<p>Taking you to your identity provider…</p><noscript><p>JavaScript is off: press the button to continue.</p></noscript><button type="submit">Continue</button></form><script src="/sso/post-form.js"></script>`,
    );
  }
  return signInErrorPage(step.error, step.attemptId);
}

/** A refusal that cannot go back to the application: words for the person, no stack trace. */
export function signInErrorPage(error: SignInError, attemptId: string | null = null): Response {
  const status = error.code === "server_error" ? 500 : 400;
  return html(
    status,
    "Sign-in failed",
    `<h1>Sign-in failed</h1><p>${escapeHtml(error.message)}.</p><p>Error: <code>${escapeHtml(error.code)}</code>${attemptId ? ` · Reference: <code>${escapeHtml(attemptId)}</code>` : ""}</p>`,
  );
}

function html(status: number, title: string, body: string): Response {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Rollcall</title></head><body><main>${body}</main></body></html>`;
  return new Response(page, { status, headers: { "Content-Type": "text/html; charset=utf-8", ...NO_STORE } });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
