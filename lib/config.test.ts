import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("configuration", () => {
  it("has defaults for everything", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ databaseUrl: undefined, port: 3000, appUrl: "http://localhost:3000", dataDir: path.resolve(".data"), logLevel: "info" });
  });

  it("derives APP_URL from PORT, and trims a trailing slash from a given one", () => {
    expect(parseConfig({ PORT: "8080" }).appUrl).toBe("http://localhost:8080");
    expect(parseConfig({ APP_URL: "https://rollcall.example.com/" }).appUrl).toBe("https://rollcall.example.com");
  });

  it("treats an empty variable as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", PORT: "" }).port).toBe(3000);
  });

  it.each([
    [{ PORT: "abc" }, /^Configuration error: PORT must be a number \(got "abc"\)$/],
    [{ PORT: "70000" }, /^Configuration error: PORT must be between 1 and 65535 \(got "70000"\)$/],
    [{ PORT: "3.5" }, /^Configuration error: PORT must be a whole number/],
    [{ APP_URL: "not a url" }, /^Configuration error: APP_URL must be an absolute http\(s\) URL/],
    [{ APP_URL: "ftp://example.com" }, /^Configuration error: APP_URL must be an http\(s\) URL/],
    [{ DATABASE_URL: "mysql://root:secret@db/x" }, /^Configuration error: DATABASE_URL must be a postgresql:\/\/ connection URL$/],
    [{ LOG_LEVEL: "loud" }, /^Configuration error: LOG_LEVEL /],
    [{ SCIM_TOKEN_CACHE: "maybe" }, /^Configuration error: SCIM_TOKEN_CACHE must be "on" or "off" \(got "maybe"\)$/],
  ])("rejects %o with one line naming the variable", (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it("reads SSO_REDIRECT_URIS as a comma-separated allow-list and refuses an entry that is not a safe URL", () => {
    expect(parseConfig({}).ssoRedirectUris).toEqual([]);
    expect(parseConfig({ SSO_REDIRECT_URIS: " https://app.example.com/sso/callback , http://127.0.0.1:4000/cb,,https://app.example.com/sso/callback" }).ssoRedirectUris).toEqual([
      "https://app.example.com/sso/callback",
      "http://127.0.0.1:4000/cb",
    ]);
    expect(() => parseConfig({ SSO_REDIRECT_URIS: "https://ok.example.com/cb,/relative" })).toThrow(/^Configuration error: SSO_REDIRECT_URIS has an entry that "\/relative" is not a full URL/);
    expect(() => parseConfig({ SSO_REDIRECT_URIS: "http://app.example.com/cb" })).toThrow(/SSO_REDIRECT_URIS has an entry that "http:\/\/app.example.com\/cb" must start with https:\/\//);
    expect(() => parseConfig({ SSO_REDIRECT_URIS: "https://app.example.com/cb#x" })).toThrow(/must not contain a # fragment/);
    expect(() => parseConfig({ SSO_REDIRECT_URIS: "javascript:alert(1)" })).toThrow(/must start with https:\/\//);
  });

  it("staff OIDC is off by default, on with all three settings, and refused with only some", () => {
    expect(parseConfig({}).staffOidc).toBeUndefined();
    const oidc = { STAFF_OIDC_ISSUER: "https://login.example.com/", STAFF_OIDC_CLIENT_ID: "rollcall-staff", STAFF_OIDC_CLIENT_SECRET: "s3cret-value" };
    expect(parseConfig(oidc).staffOidc).toEqual({ issuer: "https://login.example.com", clientId: "rollcall-staff", clientSecret: "s3cret-value" });
    expect(() => parseConfig({ STAFF_OIDC_ISSUER: oidc.STAFF_OIDC_ISSUER })).toThrow(
      /^Configuration error: STAFF_OIDC_CLIENT_ID must be set too, because STAFF_OIDC_ISSUER is \(staff OIDC needs all three or none\)$/,
    );
    expect(() => parseConfig({ ...oidc, STAFF_OIDC_ISSUER: "not a url" })).toThrow(/^Configuration error: STAFF_OIDC_ISSUER must be the issuer's https URL/);
    expect(() => parseConfig({ STAFF_OIDC_CLIENT_ID: "x", STAFF_OIDC_CLIENT_SECRET: "" , STAFF_OIDC_ISSUER: "" })).toThrow(/STAFF_OIDC_ISSUER must be set too/);
  });

  it("never echoes a DATABASE_URL, which may hold a password", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://root:hunter2@db/x" })).toThrow(/^(?!.*hunter2)/);
  });

  it("stops `npm start` with exit code 1 and one line, without a stack trace", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "lib/server/main.ts"], {
      env: { ...process.env, PORT: "not-a-port", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: PORT must be a number (got "not-a-port")');
  });

  it("says in one line when DATABASE_URL cannot be reached", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "lib/server/main.ts"], {
      env: { ...process.env, DATABASE_URL: "postgresql://rollcall:secret@127.0.0.1:1/rollcall" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("Cannot reach the database at 127.0.0.1:1/rollcall: ECONNREFUSED");
  });
});
