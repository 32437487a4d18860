import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createStaffUser } from "./create-staff-user";
import { disableStaffUser } from "./disable-staff-user";
import { endStaffSession } from "./end-staff-session";
import { STAFF_SESSION_MAX_AGE_SECONDS } from "./staff-session-policy";
import { startStaffSession } from "./start-staff-session";
import { verifyStaffSession } from "./verify-staff-session";

setupTestDatabase();

describe("staff console sessions", () => {
  it("start for an enabled user, last the policy's maximum, and record the sign-in", async () => {
    const user = await createStaffUser({ email: "s1@staff.test", role: "support", password: "twelve chars!" });
    const started = (await startStaffSession({ staffUserId: user.id }))!;
    expect(started.session.expiresAt.getTime() - Date.now()).toBeGreaterThan(STAFF_SESSION_MAX_AGE_SECONDS * 1000 - 5000);
    expect(await verifyStaffSession({ sessionId: started.session.id })).toMatchObject({ staffUserId: user.id, email: "s1@staff.test", role: "support" });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });

  it("end at sign-out, at once, and stay ended", async () => {
    const user = await createStaffUser({ email: "s2@staff.test", role: "admin", password: "twelve chars!" });
    const { session } = (await startStaffSession({ staffUserId: user.id }))!;
    const other = (await startStaffSession({ staffUserId: user.id }))!.session;
    expect(await endStaffSession({ sessionId: session.id })).toEqual({ ended: true });
    expect(await verifyStaffSession({ sessionId: session.id })).toBeNull();
    // Signing out on one browser leaves the user's other sessions alone.
    expect(await verifyStaffSession({ sessionId: other.id })).not.toBeNull();
    expect(await endStaffSession({ sessionId: session.id })).toEqual({ ended: false });
  });

  it("end when they expire", async () => {
    const user = await createStaffUser({ email: "s3@staff.test", role: "admin", password: "twelve chars!" });
    const { session } = (await startStaffSession({ staffUserId: user.id }))!;
    await db.staffSession.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyStaffSession({ sessionId: session.id })).toBeNull();
  });

  it("all end when the user is disabled, and a disabled user cannot start one", async () => {
    const user = await createStaffUser({ email: "s4@staff.test", role: "admin", password: "twelve chars!" });
    const a = (await startStaffSession({ staffUserId: user.id }))!.session;
    const b = (await startStaffSession({ email: "S4@staff.test" }))!.session;
    expect(await disableStaffUser({ email: "s4@staff.test" })).toMatchObject({ sessionsEnded: 2 });
    expect(await verifyStaffSession({ sessionId: a.id })).toBeNull();
    expect(await verifyStaffSession({ sessionId: b.id })).toBeNull();
    expect(await startStaffSession({ staffUserId: user.id })).toBeNull();
  });

  it("are never found for an unknown id", async () => {
    expect(await verifyStaffSession({ sessionId: "sts_unknown" })).toBeNull();
  });
});
