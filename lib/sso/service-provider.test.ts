import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildServiceProviderMetadataXml, serviceProviderDetails } from "./service-provider";

type SpMetadata = {
  EntityDescriptor: {
    "@_entityID": string;
    SPSSODescriptor: {
      "@_AuthnRequestsSigned": string;
      "@_WantAssertionsSigned": string;
      "@_protocolSupportEnumeration": string;
      NameIDFormat: string;
      AssertionConsumerService: { "@_Binding": string; "@_Location": string };
    };
  };
};
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, removeNSPrefix: true }).parse(xml) as SpMetadata;

describe("serviceProviderDetails", () => {
  it("derives every URL from APP_URL and the organization id", () => {
    expect(serviceProviderDetails("org_01abc", "https://rollcall.example.com")).toEqual({
      entityId: "https://rollcall.example.com/sso/saml/org_01abc",
      acsUrl: "https://rollcall.example.com/sso/saml/org_01abc/acs",
      metadataUrl: "https://rollcall.example.com/sso/saml/org_01abc/metadata",
      redirectUri: "https://rollcall.example.com/sso/oidc/org_01abc/callback",
    });
  });

  it("keeps an odd id inside its path segment", () => {
    expect(serviceProviderDetails("a/../b?c", "https://r.example.com").acsUrl).toBe("https://r.example.com/sso/saml/a%2F..%2Fb%3Fc/acs");
  });
});

describe("buildServiceProviderMetadataXml", () => {
  it("is SAML 2.0 SP metadata that reads back to the same entity ID and ACS URL", () => {
    const details = serviceProviderDetails("org_01abc", "https://rollcall.example.com");
    const xml = buildServiceProviderMetadataXml(details);
    expect(XMLValidator.validate(xml)).toBe(true);
    const { EntityDescriptor: entity } = parse(xml);
    expect(entity["@_entityID"]).toBe(details.entityId);
    expect(entity.SPSSODescriptor).toEqual({
      "@_AuthnRequestsSigned": "false",
      "@_WantAssertionsSigned": "true",
      "@_protocolSupportEnumeration": "urn:oasis:names:tc:SAML:2.0:protocol",
      NameIDFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
      AssertionConsumerService: {
        "@_Binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
        "@_Location": details.acsUrl,
        "@_index": "0",
        "@_isDefault": "true",
      },
    });
  });

  it("escapes what it puts in attributes", () => {
    const xml = buildServiceProviderMetadataXml({ entityId: `https://x.example.com/"><evil a='1'>&`, acsUrl: "https://x.example.com/acs?a=1&b=<2>", metadataUrl: "", redirectUri: "" });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain("<evil");
    const { EntityDescriptor: entity } = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, htmlEntities: true }).parse(xml) as SpMetadata;
    expect(entity["@_entityID"]).toBe(`https://x.example.com/"><evil a='1'>&`);
    expect(entity.SPSSODescriptor.AssertionConsumerService["@_Location"]).toBe("https://x.example.com/acs?a=1&b=<2>");
  });
});
