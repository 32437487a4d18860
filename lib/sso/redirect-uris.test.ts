import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { rejectionOf } from "@/lib/testing/rejection-of";
import { isRedirectUriAllowed } from "./is-redirect-uri-allowed";
import { listRedirectUris } from "./list-redirect-uris";
import { replaceRedirectUris } from "./replace-redirect-uris";

// Read by config() on first use, which comes after this line.
process.env.SSO_REDIRECT_URIS = "https://env.example.com/sso/callback";

setupTestDatabase();

describe("the SSO redirect-URI allow-list", () => {
  it("allows exactly the URIs of SSO_REDIRECT_URIS and of the stored list, nothing that merely looks like them", async () => {
    await replaceRedirectUris({ uris: ["https://app.example.com/callback", "http://127.0.0.1:4100/cb"] });
    for (const uri of ["https://env.example.com/sso/callback", "https://app.example.com/callback", "http://127.0.0.1:4100/cb"]) {
      expect(await isRedirectUriAllowed(uri), uri).toBe(true);
    }
    for (const uri of [
      "",
      "https://app.example.com/callback/",
      "https://app.example.com/callback?x=1",
      "https://app.example.com/callbackx",
      "https://APP.example.com/callback",
      "https://app.example.com.evil.com/callback",
      "https://evil.com/?https://app.example.com/callback",
      "https://env.example.com/sso/callback#",
    ]) {
      expect(await isRedirectUriAllowed(uri), uri).toBe(false);
    }
  });

  it("lists environment entries first, then stored ones; a replace keeps the environment's and drops the rest", async () => {
    await replaceRedirectUris({ uris: ["https://a.example.com/cb", "https://b.example.com/cb", "https://a.example.com/cb"] });
    expect((await listRedirectUris()).map(({ uri, source }) => [source, uri])).toEqual([
      ["environment", "https://env.example.com/sso/callback"],
      ["api", "https://a.example.com/cb"],
      ["api", "https://b.example.com/cb"],
    ]);
    await replaceRedirectUris({ uris: ["https://b.example.com/cb"] });
    expect(await isRedirectUriAllowed("https://a.example.com/cb")).toBe(false);
    expect(await isRedirectUriAllowed("https://b.example.com/cb")).toBe(true);
    expect(await isRedirectUriAllowed("https://env.example.com/sso/callback")).toBe(true);
  });

  it.each([
    ["not a url", "redirect_uris.1", /is not a full URL/],
    ["http://app.example.com/cb", "redirect_uris.1", /must start with https:\/\//],
    ["https://app.example.com/cb#frag", "redirect_uris.1", /must not contain a # fragment/],
    ["https://user:pw@app.example.com/cb", "redirect_uris.1", /must not contain a user name or password/],
  ])("refuses %j with a message on its index and changes nothing", async (bad, field, message) => {
    await replaceRedirectUris({ uris: ["https://kept.example.com/cb"] });
    const err = await rejectionOf(replaceRedirectUris({ uris: ["https://new.example.com/cb", bad] }));
    expect(err).toMatchObject({ code: "INVALID_INPUT", field });
    expect((err as Error).message).toMatch(message);
    expect(await isRedirectUriAllowed("https://kept.example.com/cb")).toBe(true);
    expect(await isRedirectUriAllowed("https://new.example.com/cb")).toBe(false);
  });
});
