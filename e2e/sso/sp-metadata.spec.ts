import { XMLParser } from "fast-xml-parser";
import { appUrl, expect, test } from "../fixtures";
import { settle } from "../portal/portal-support";
import { dsyncJson } from "../support/cli";

type SpMetadata = {
  EntityDescriptor: {
    "@_entityID": string;
    SPSSODescriptor: { "@_WantAssertionsSigned": string; AssertionConsumerService: { "@_Binding": string; "@_Location": string } };
  };
};

test.describe("GET /sso/saml/{organizationId}/metadata", () => {
  test("downloads the organization's SP metadata, with our entity ID and ACS URL", async () => {
    const slug = `sso-sp-${Date.now().toString(36)}`;
    const org = dsyncJson<{ id: string; slug: string }>("org", "create", "--name", "SP metadata", "--slug", slug);
    // The CLI blocked this worker; a kept-alive socket that an earlier spec left may have been closed meanwhile.
    await settle();

    const res = await fetch(`${appUrl()}/sso/saml/${org.id}/metadata`);
    const body = await res.text();
    expect(res.status, body).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/samlmetadata+xml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="rollcall-${slug}-sp-metadata.xml"`);

    const { EntityDescriptor: entity } = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true }).parse(body) as SpMetadata;
    expect(entity["@_entityID"]).toBe(`${appUrl()}/sso/saml/${org.id}`);
    expect(entity.SPSSODescriptor["@_WantAssertionsSigned"]).toBe("true");
    expect(entity.SPSSODescriptor.AssertionConsumerService).toMatchObject({
      "@_Binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
      "@_Location": `${appUrl()}/sso/saml/${org.id}/acs`,
    });
  });

  test("answers 404 with a short message for an unknown organization", async () => {
    const res = await fetch(`${appUrl()}/sso/saml/org_doesnotexist/metadata`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect((await res.text()).trim()).toBe("Unknown organization");
  });
});
