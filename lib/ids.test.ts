import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("makes distinct ids of the documented shape across many refills of its random pool", () => {
    const ids = Array.from({ length: 5_000 }, () => newId("usr"));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^usr_[0-9a-hjkmnp-tv-z]{26}$/);
    // The random part differs from one id to the next (no slice of the pool is handed out twice).
    const randomParts = new Set(ids.map((id) => id.slice(-16)));
    expect(randomParts.size).toBe(ids.length);
  });
});
