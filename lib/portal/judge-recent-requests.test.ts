// Issue 15, part 3: the portal's Test step judges the connection on its recent requests, not the last one alone.
import { describe, expect, it } from "vitest";
import { judgeRecentRequests, type RecentRequestFacts } from "./judge-recent-requests";

const req = (status: number, extra: Partial<RecentRequestFacts> = {}): RecentRequestFacts => ({ status, latencyMs: 12, repeatCount: 1, ...extra });

describe("judgeRecentRequests", () => {
  it("waits while nothing has arrived", () => {
    expect(judgeRecentRequests([])).toEqual({ verdict: "waiting", total: 0, worked: 0, refused: 0, failed: 0 });
  });

  it("calls one 409 after six successes working, and counts it as refused", () => {
    const newestFirst = [req(409), ...Array.from({ length: 6 }, () => req(201))];
    expect(judgeRecentRequests(newestFirst)).toEqual({ verdict: "working", total: 7, worked: 6, refused: 1, failed: 0 });
  });

  it("calls a deprovision-only 403 with nothing that worked yet refused, not failing", () => {
    expect(judgeRecentRequests([req(403)]).verdict).toBe("refused");
  });

  it("calls a refused token after successes failing: the token changed", () => {
    expect(judgeRecentRequests([req(401), req(200), req(200)]).verdict).toBe("failing");
  });

  it("calls a timeout failing, and a server error followed by a success working", () => {
    expect(judgeRecentRequests([req(200, { latencyMs: 31_000 }), req(200)]).verdict).toBe("failing");
    expect(judgeRecentRequests([req(200), req(503)])).toMatchObject({ verdict: "working", failed: 1 });
  });

  it("counts each repeat of a collapsed unauthenticated entry", () => {
    expect(judgeRecentRequests([req(401, { repeatCount: 4 }), req(200)])).toMatchObject({ verdict: "failing", failed: 4, total: 5 });
  });
});
