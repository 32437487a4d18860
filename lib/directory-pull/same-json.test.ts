import { describe, expect, it } from "vitest";
import { sameJson, toUserAttributes } from "./snapshot";

// The plan's test of "unchanged": a user the source still lists as before must compare equal to what the previous
// pull stored (JSONB hands keys back in its own order), and any real difference must show, or a pull would miss it.
describe("sameJson", () => {
  const stored = toUserAttributes({
    externalId: "g-1", userName: "ada@acme.com", email: "ada@acme.com", givenName: "Ada", familyName: "Lovelace",
    displayName: "Ada Lovelace", department: "Research", manager: "grace@acme.com", active: true,
  });

  it("is true for the same attributes with keys in another order, at every depth", () => {
    const reordered = JSON.parse(JSON.stringify(stored, Object.keys(stored).reverse().concat("givenName", "familyName", "value", "type", "primary", "department", "manager"))) as Record<string, unknown>;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(stored)[0]);
    expect(sameJson(reordered, stored)).toBe(true);
    expect(sameJson({ a: { x: 1, y: [1, { p: 2, q: 3 }] } }, { a: { y: [1, { q: 3, p: 2 }], x: 1 } })).toBe(true);
  });

  it("is false for a changed, added or removed value, and for arrays in another order", () => {
    expect(sameJson({ ...stored, displayName: "Ada King" }, stored)).toBe(false);
    expect(sameJson({ ...stored, nickName: "Ada" }, stored)).toBe(false);
    const { displayName: _gone, ...without } = stored;
    expect(sameJson(without, stored)).toBe(false);
    expect(sameJson(stored, without)).toBe(false);
    expect(sameJson({ ...stored, active: false }, stored)).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson({ a: "1" }, { a: 1 })).toBe(false);
  });

  it("treats a key holding undefined as absent, as JSON does", () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1, b: 2 })).toBe(false);
  });
});
