import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/free-port";
import { startTestHttpServer, type TestHttpServer } from "@/lib/testing/test-http-server";
import { parseFetchableUrl } from "./fetch-document";
import { fetchSamlMetadata } from "./fetch-saml-metadata";
import { rejectionOf } from "@/lib/testing/rejection-of";

const okta = readFileSync(path.join(import.meta.dirname, "fixtures", "okta-metadata.xml"), "utf8");

let idp: TestHttpServer;
beforeAll(async () => {
  idp = await startTestHttpServer((req, res, base) => {
    switch (req.url) {
      case "/metadata":
        res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(okta);
        return;
      case "/moved":
        res.writeHead(302, { location: "/metadata" }).end();
        return;
      case "/to-plain-http":
        res.writeHead(301, { location: "http://idp.example.com/metadata" }).end();
        return;
      case "/loop":
        res.writeHead(302, { location: `${base}/loop` }).end();
        return;
      case "/sign-in-first":
        res.writeHead(403).end("Forbidden");
        return;
      case "/broken":
        res.writeHead(500).end();
        return;
      case "/huge":
        res.writeHead(200, { "content-type": "application/xml" }).end("x".repeat(1024 * 1024 + 1));
        return;
      case "/huge-chunked": {
        // No content-length: the limit must hold while the body streams in.
        res.writeHead(200, { "content-type": "application/xml" });
        for (let i = 0; i < 20; i++) res.write("y".repeat(64 * 1024));
        res.end();
        return;
      }
      case "/silent":
        return; // never answers
      default:
        res.writeHead(404, { "content-type": "text/plain" }).end("Not here");
    }
  });
});
afterAll(() => idp.close());

describe("fetchSamlMetadata", () => {
  it("downloads the metadata, following a redirect on the same terms", async () => {
    expect(await fetchSamlMetadata(`${idp.url}/metadata`)).toBe(okta);
    expect(await fetchSamlMetadata(`${idp.url}/moved`)).toBe(okta);
  });

  it.each([
    ["/nope", "The metadata URL answered 404 Not Found: check the URL"],
    ["/sign-in-first", "The metadata URL answered 403 Forbidden: the identity provider wants a sign-in for it. Download the metadata file and paste its XML instead"],
    ["/broken", "The metadata URL answered 500 Internal Server Error: the identity provider has a problem; try again later or paste the metadata XML instead"],
    ["/to-plain-http", "The metadata URL redirected to http://idp.example.com/metadata, which must start with https:// (an http:// address is not protected in transit)"],
    ["/loop", "The metadata URL redirected more than 5 times"],
    ["/huge", "The metadata URL returned more than 1 MB, which is far more than any identity provider's document"],
    ["/huge-chunked", "The metadata URL returned more than 1 MB, which is far more than any identity provider's document"],
  ])("refuses %s: %s", async (pathname, message) => {
    expect(await rejectionOf(fetchSamlMetadata(`${idp.url}${pathname}`))).toMatchObject({ code: "INVALID_INPUT", field: "metadataUrl", message });
  });

  it("says when nothing listens there", async () => {
    const port = await freePort();
    expect(await rejectionOf(fetchSamlMetadata(`http://127.0.0.1:${port}/metadata`))).toMatchObject({
      field: "metadataUrl",
      message: `Could not reach 127.0.0.1:${port}: check the address, and that it can be reached from the internet`,
    });
  });

  it("gives up on a server that does not answer", async () => {
    expect(await rejectionOf(fetchSamlMetadata(`${idp.url}/silent`, { timeoutMs: 1000 }))).toMatchObject({
      field: "metadataUrl",
      message: "The metadata URL did not answer within 1 second",
    });
  });

  it.each([
    ["", "The metadata URL must be a full URL starting with https://"],
    ["idp.example.com/metadata", "The metadata URL must be a full URL starting with https://"],
    ["ftp://idp.example.com/metadata", "The metadata URL must start with https://"],
    ["file:///etc/passwd", "The metadata URL must start with https://"],
    ["http://idp.example.com/metadata", "The metadata URL must start with https:// (an http:// address is not protected in transit)"],
    ["https://admin:hunter2@idp.example.com/metadata", "The metadata URL must not contain a user name or password"],
  ])("refuses the URL %j before fetching anything", async (url, message) => {
    expect(await rejectionOf(fetchSamlMetadata(url))).toMatchObject({ field: "metadataUrl", message });
  });
});

describe("parseFetchableUrl", () => {
  const production = { field: "metadataUrl", subject: "The metadata URL", appUrl: "https://rollcall.example.com" };
  const development = { ...production, appUrl: "http://localhost:3000" };

  it.each(["http://localhost:8080/m", "https://127.0.0.1/m", "http://127.1.2.3/m", "http://[::1]/m", "http://0.0.0.0/m", "http://2130706433/m", "http://[::ffff:127.0.0.1]/m", "http://app.localhost/m"])(
    "refuses the loopback URL %s when Rollcall runs on a public address",
    (url) => {
      expect(() => parseFetchableUrl(url, production)).toThrow(/points at this server's own machine/);
    },
  );

  it("allows loopback over http while Rollcall itself runs on loopback (development, tests)", () => {
    expect(parseFetchableUrl("http://127.0.0.1:4000/metadata", development).href).toBe("http://127.0.0.1:4000/metadata");
    expect(() => parseFetchableUrl("http://idp.example.com/metadata", development)).toThrow(/must start with https:\/\//);
  });

  it("allows any https URL", () => {
    expect(parseFetchableUrl(" https://idp.example.com/app/metadata?id=1 ", production).href).toBe("https://idp.example.com/app/metadata?id=1");
  });
});
