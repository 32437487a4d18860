import { describe, expect, it } from "vitest";
import { hashStaffPassword, verifyStaffPassword } from "./staff-password";

describe("staff passwords", () => {
  it("are stored as argon2id hashes that verify the right password only", async () => {
    const hash = await hashStaffPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyStaffPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyStaffPassword(hash, "correct horse battery stapl")).toBe(false);
    expect(await verifyStaffPassword(hash, "")).toBe(false);
  });

  it("salts each hash, so two staff with the same password get different hashes", async () => {
    const [a, b] = await Promise.all([hashStaffPassword("the same long password"), hashStaffPassword("the same long password")]);
    expect(a).not.toBe(b);
  });

  it("refuses a password shorter than 12 characters, saying so", async () => {
    await expect(hashStaffPassword("short-pw-11")).rejects.toMatchObject({ code: "INVALID_INPUT", field: "password", message: "The password must be at least 12 characters long" });
  });

  it("fails closed on a malformed stored hash", async () => {
    expect(await verifyStaffPassword("not-a-hash", "whatever password")).toBe(false);
  });
});
