// Issue 12, item 9: the staff sign-in limiter, through next-auth's real credentials callback. Measured before
// the fix: 9 to 17 of 30 parallel wrong passwords reached the password check, and a client that forged
// X-Forwarded-For on each attempt was never limited.
import { appUrl, expect, test } from "../fixtures";
import { newStaff } from "../support/cli";
import { sql } from "../support/db";

// Every spec signs in from 127.0.0.1: the address's count starts clean here, and is left clean for the specs
// after these, which must not find their loopback address locked out.
const clearAddressCounts = () => sql(`DELETE FROM rate_limits WHERE key LIKE 'staff-signin-ip:%'`);
test.beforeEach(clearAddressCounts);
test.afterEach(clearAddressCounts);

/** One sign-in attempt as the console's form makes it: a CSRF token and its cookie, then the credentials POST. */
async function attempt(email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const csrf = await fetch(`${appUrl()}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${appUrl()}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  // With json=true next-auth answers { url }, the page the form would go to; its ?error= names the outcome.
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  if (!body.url) return `status ${res.status}`;
  return new URL(body.url, appUrl()).searchParams.get("error") ?? "ok";
}

test("50 parallel wrong passwords: only 5 reach the password check, the rest are told to wait", async () => {
  const staff = newStaff("admin");
  const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(staff.email, `wrong password ${i}!`)));
  const checked = outcomes.filter((o) => o === "CredentialsSignin").length;
  const limited = outcomes.filter((o) => /^Too many attempts/.test(o)).length;
  expect({ checked, limited }, outcomes.join("\n")).toEqual({ checked: 5, limited: 45 });
  // Even the right password now waits out the window.
  expect(await attempt(staff.email, staff.password)).toMatch(/^Too many attempts/);
});

test("a forged X-Forwarded-For does not give each attempt a new address", async () => {
  // 21 different staff emails (so no email limit trips), each attempt claiming another client address: the
  // address limit (20) still counts them as the one client they are.
  const outcomes: string[] = [];
  for (let i = 0; i < 21; i++) {
    outcomes.push(await attempt(`nobody-${Date.now()}-${i}@staff.example`, "not the password!", { "x-forwarded-for": `203.0.113.${i + 1}` }));
  }
  expect(outcomes.slice(0, 20).every((o) => o === "CredentialsSignin"), outcomes.join("\n")).toBe(true);
  expect(outcomes[20]).toMatch(/^Too many attempts/);
});
