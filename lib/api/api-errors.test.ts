import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { ApiError, parseRequest, readJsonBody, toApiError } from "@/lib/http/api-response";

const body = z.strictObject({ name: z.string().min(1, "must not be empty"), limit: z.coerce.number().int().max(10), kind: z.enum(["a", "b"]).optional(), tags: z.array(z.string()).optional() });

function issuesOf(input: unknown, schema: z.ZodType = body): ApiError {
  try {
    parseRequest(schema, input);
  } catch (err) {
    return err as ApiError;
  }
  throw new Error("expected a parse error");
}

describe("management API errors", () => {
  it("give one message per field, named as the request names it", () => {
    const err = issuesOf({ limit: "many", kind: "c", tags: ["x", 3], colour: "red" });
    expect(err).toMatchObject({ status: 400, code: "invalid_input" });
    expect(err.fields).toEqual({ name: "is required", limit: "must be a number", kind: 'must be one of "a", "b"', "tags.1": "must be a string", colour: "is not a known field" });
    expect(err.message).toBe("Invalid request: name is required");
  });

  it("keep the schema's own messages", () => {
    expect(issuesOf({ name: "", limit: 1 }).fields).toEqual({ name: "must not be empty" });
  });

  it("say an array and an object with their article", () => {
    const err = issuesOf({ list: "x", nested: 1 }, z.strictObject({ list: z.array(z.string()), nested: z.object({}) }));
    expect(err.fields).toEqual({ list: "must be an array", nested: "must be an object" });
  });

  it("lead with a field's message that is a sentence of its own, as the portal's are", () => {
    const err = issuesOf({}, z.strictObject({ client_id: z.string({ error: "Enter the client ID" }) }));
    expect(err).toMatchObject({ message: "Invalid request: Enter the client ID", fields: { client_id: "Enter the client ID" } });
  });

  it.each([
    [new DomainError("NOT_FOUND", "Directory dir_x not found", "directory"), 404, "not_found", {}],
    [new DomainError("CONFLICT", "taken", "slug"), 409, "conflict", { slug: "taken" }],
    [new DomainError("INVALID_INPUT", "bad", "organizationId"), 400, "invalid_input", { organization_id: "bad" }],
    [new DomainError("FORBIDDEN", "no"), 403, "forbidden", {}],
    [Object.assign(new Error("duplicate key"), { code: "23505" }), 409, "conflict", {}],
  ])("map %s to %i", (err, status, code, fields) => {
    expect(toApiError(err)).toMatchObject({ status, code, fields });
  });

  it("answer anything else with a generic 500 and log it server-side", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const err = toApiError(new Error("connection to 10.0.0.5 refused at Socket.connect (net.js:1)"));
    expect(err).toMatchObject({ status: 500, code: "internal_error" });
    expect(err.message).not.toContain("10.0.0.5");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});

describe("readJsonBody", () => {
  const request = (text: string, type = "application/json") => new Request("http://x/api/v1/x", { method: "POST", body: text, headers: { "Content-Type": type } });

  it("reads JSON, and an empty body as {}", async () => {
    expect(await readJsonBody(request('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonBody(request(""))).toEqual({});
  });

  it.each([
    ["{not json", "application/json", 400, "invalid_json"],
    ["a=1", "application/x-www-form-urlencoded", 415, "unsupported_media_type"],
    [`{"a":"${"x".repeat(1024 * 1024)}"}`, "application/json", 413, "payload_too_large"],
  ])("refuses %#", async (text, type, status, code) => {
    await expect(readJsonBody(request(text, type))).rejects.toMatchObject({ status, code });
  });
});
