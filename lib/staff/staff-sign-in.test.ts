import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { authenticateStaffPassword } from "./authenticate-staff-password";
import { createStaffUser } from "./create-staff-user";
import { disableStaffUser } from "./disable-staff-user";
import { staffMayUseOidc } from "./staff-may-use-oidc";
import { SIGN_IN_FAILURES_PER_EMAIL, SIGN_IN_FAILURES_PER_IP } from "./staff-sign-in-limiter";

setupTestDatabase();

const PASSWORD = "a long staff password";

describe("staff sign-in with email and password", () => {
  it("accepts the right password, any case of the email, and refuses wrong ones alike", async () => {
    await createStaffUser({ email: "Ada@staff.test", role: "admin", password: PASSWORD });
    expect(await authenticateStaffPassword({ email: "ada@STAFF.test", password: PASSWORD, ip: "10.0.0.1" })).toMatchObject({ ok: true, staffUser: { email: "Ada@staff.test", role: "admin" } });
    expect(await authenticateStaffPassword({ email: "ada@staff.test", password: "wrong password!!", ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateStaffPassword({ email: "nobody@staff.test", password: PASSWORD, ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled member of staff with the same answer as a wrong password", async () => {
    await createStaffUser({ email: "gone@staff.test", role: "support", password: PASSWORD });
    await disableStaffUser({ email: "gone@staff.test" });
    expect(await authenticateStaffPassword({ email: "gone@staff.test", password: PASSWORD, ip: "10.0.0.2" })).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks an email after ${SIGN_IN_FAILURES_PER_EMAIL} failures, even for the right password, and says for how long`, async () => {
    await createStaffUser({ email: "target@staff.test", role: "admin", password: PASSWORD });
    for (let i = 0; i < SIGN_IN_FAILURES_PER_EMAIL; i++) {
      // Different addresses: the email's own limit is what trips.
      expect(await authenticateStaffPassword({ email: "target@staff.test", password: `guess number ${i}!`, ip: `10.1.0.${i}` })).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await authenticateStaffPassword({ email: "target@staff.test", password: PASSWORD, ip: "10.1.1.1" });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(locked.ok === false && locked.reason === "rate_limited" && locked.retryAfterMs).toBeGreaterThan(14 * 60_000);
    // The counter lives in Postgres (rate_limits), so every app instance sees it.
    expect(await db.rateLimit.count({ where: { key: { startsWith: "staff-signin-email:" } } })).toBeGreaterThan(0);
    // Other staff are not locked out by it.
    await createStaffUser({ email: "bystander@staff.test", role: "admin", password: PASSWORD });
    expect(await authenticateStaffPassword({ email: "bystander@staff.test", password: PASSWORD, ip: "10.1.1.1" })).toMatchObject({ ok: true });
  });

  it(`limits one address to ${SIGN_IN_FAILURES_PER_IP} failures across emails`, async () => {
    await createStaffUser({ email: "victim@staff.test", role: "admin", password: PASSWORD });
    for (let i = 0; i < SIGN_IN_FAILURES_PER_IP; i++) {
      await authenticateStaffPassword({ email: `spray-${i}@staff.test`, password: "not the password", ip: "203.0.113.9" });
    }
    expect(await authenticateStaffPassword({ email: "victim@staff.test", password: PASSWORD, ip: "203.0.113.9" })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await authenticateStaffPassword({ email: "victim@staff.test", password: PASSWORD, ip: "203.0.113.10" })).toMatchObject({ ok: true });
  });

  // Issue 12, item 9: the attempt is taken before the password is checked, so a burst cannot outrun the count.
  it(`lets only ${SIGN_IN_FAILURES_PER_EMAIL} of 50 parallel wrong passwords reach the password check`, async () => {
    await createStaffUser({ email: "race@staff.test", role: "admin", password: PASSWORD });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => authenticateStaffPassword({ email: "race@staff.test", password: `parallel guess ${i}`, ip: "198.51.100.7" })));
    const reachedCheck = results.filter((r) => r.ok === false && r.reason === "invalid").length;
    expect(reachedCheck).toBe(SIGN_IN_FAILURES_PER_EMAIL);
    expect(results.filter((r) => r.ok === false && r.reason === "rate_limited")).toHaveLength(50 - SIGN_IN_FAILURES_PER_EMAIL);
    expect(await authenticateStaffPassword({ email: "race@staff.test", password: PASSWORD, ip: "198.51.100.8" })).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("a success clears the email's failures", async () => {
    await createStaffUser({ email: "typo@staff.test", role: "support", password: PASSWORD });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < SIGN_IN_FAILURES_PER_EMAIL - 1; i++) await authenticateStaffPassword({ email: "typo@staff.test", password: "fat fingers!!", ip: `10.2.${round}.${i}` });
      expect(await authenticateStaffPassword({ email: "typo@staff.test", password: PASSWORD, ip: `10.2.${round}.9` })).toMatchObject({ ok: true });
    }
  });
});

describe("staff sign-in through the staff OIDC provider", () => {
  it("is allowed only for an existing, enabled member of staff whose email the provider verified (no sign-up)", async () => {
    await createStaffUser({ email: "oidc@staff.test", role: "support" });
    expect(await staffMayUseOidc({ email: "OIDC@staff.test", emailVerified: true })).toBe(true);
    expect(await staffMayUseOidc({ email: "oidc@staff.test", emailVerified: undefined })).toBe(true);
    expect(await staffMayUseOidc({ email: "oidc@staff.test", emailVerified: false })).toBe(false);
    expect(await staffMayUseOidc({ email: "stranger@staff.test", emailVerified: true })).toBe(false);
    expect(await staffMayUseOidc({ email: null, emailVerified: true })).toBe(false);
    await disableStaffUser({ email: "oidc@staff.test" });
    expect(await staffMayUseOidc({ email: "oidc@staff.test", emailVerified: true })).toBe(false);
  });

  it("a staff user without a password cannot sign in with one", async () => {
    await createStaffUser({ email: "sso-only@staff.test", role: "admin" });
    expect(await authenticateStaffPassword({ email: "sso-only@staff.test", password: "any long password", ip: "10.9.9.9" })).toEqual({ ok: false, reason: "invalid" });
  });
});
