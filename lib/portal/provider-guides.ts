import type { DirectoryProvider } from "@/lib/db/generated/client";

/** One attribute the identity provider sends, and what it becomes here. */
export type AttributeMapping = { scim: string; provider: string; note?: string };

/**
 * What the setup portal tells an admin about their identity provider. Field names are the provider's own, as
 * its admin console spells them, so the admin can find each one by searching the page they have open.
 */
export type ProviderGuide = {
  id: DirectoryProvider;
  /** As it reads inside a sentence ("I have stored the token in Okta"); `upperFirst` it at a sentence start. */
  name: string;
  /** Its card in the provider picker, where "your identity provider" would say nothing. */
  pickerName?: string;
  /** One line under the name in the provider picker. */
  tagline: string;
  /** Where the admin starts, in the provider's console. */
  console: string;
  /** The provider's names for the values the admin copies across. */
  fields: {
    scimBaseUrl: string;
    scimToken: string;
    samlEntityId: string;
    samlAcsUrl: string;
    samlMetadata: string;
    oidcRedirectUri: string;
    oidcIssuer: string;
    oidcClientId: string;
    oidcClientSecret: string;
  };
  /** The protocol to suggest first; both work with every provider listed. */
  preferredSso: "saml" | "oidc";
  samlSteps: string[];
  oidcSteps: string[];
  /** False where the provider cannot push users to a custom application over SCIM at all. */
  scimSupported: boolean;
  scimSteps: string[];
  /** Added for full provisioning: pushing groups. */
  fullModeSteps: string[];
  /** What to change for deprovision-only mode. */
  deprovisionOnlySteps: string[];
  attributeMapping: AttributeMapping[];
  /** What this provider cannot do, said plainly before the admin finds out the hard way. */
  limitations: string[];
  /** How to make the provider send its first request, for the connection test. */
  testHint: string;
};

const GENERIC_FIELDS: ProviderGuide["fields"] = {
  scimBaseUrl: "SCIM base URL",
  scimToken: "Bearer token",
  samlEntityId: "SP entity ID (audience)",
  samlAcsUrl: "ACS URL",
  samlMetadata: "IdP metadata",
  oidcRedirectUri: "Redirect URI",
  oidcIssuer: "Issuer",
  oidcClientId: "Client ID",
  oidcClientSecret: "Client secret",
};

export const PROVIDER_GUIDES: Record<DirectoryProvider, ProviderGuide> = {
  entra: {
    id: "entra",
    name: "Microsoft Entra ID",
    tagline: "Formerly Azure Active Directory",
    console: "Microsoft Entra admin center → Enterprise applications",
    fields: {
      scimBaseUrl: "Tenant URL",
      scimToken: "Secret Token",
      samlEntityId: "Identifier (Entity ID)",
      samlAcsUrl: "Reply URL (Assertion Consumer Service URL)",
      samlMetadata: "App Federation Metadata Url",
      oidcRedirectUri: "Redirect URI (Web)",
      oidcIssuer: "Issuer (https://login.microsoftonline.com/<tenant ID>/v2.0)",
      oidcClientId: "Application (client) ID",
      oidcClientSecret: "Client secret value",
    },
    preferredSso: "saml",
    samlSteps: [
      "In the Microsoft Entra admin center, open Enterprise applications → New application → Create your own application, and choose “Integrate any other application you don't find in the gallery (Non-gallery)”.",
      "Open Single sign-on and choose SAML.",
      "Under Basic SAML Configuration, paste our entity ID into “Identifier (Entity ID)” and our ACS URL into “Reply URL (Assertion Consumer Service URL)”, then Save.",
      "Under SAML Certificates, copy the “App Federation Metadata Url”, or download “Federation Metadata XML”, and give it to us below.",
      "Assign the users or groups who should sign in under Users and groups.",
    ],
    oidcSteps: [
      "In the Microsoft Entra admin center, open App registrations → New registration.",
      "Under Redirect URI choose the platform “Web” and paste our redirect URI.",
      "Copy the “Application (client) ID”. Under Certificates & secrets, create a client secret and copy its Value (it is shown once).",
      "The issuer is https://login.microsoftonline.com/<Directory (tenant) ID>/v2.0.",
    ],
    scimSupported: true,
    scimSteps: [
      "Open the same enterprise application (or create one as in the SSO step) and go to Provisioning → Get started.",
      "Set “Provisioning Mode” to Automatic.",
      "Under Admin Credentials, paste the SCIM base URL into “Tenant URL” and the token into “Secret Token”.",
      "Click “Test Connection”, then Save.",
      "Under Users and groups, assign who should be provisioned, then set “Provisioning Status” to On.",
      "Entra provisions on a cycle (about every 40 minutes). To see a request here now, use “Provision on demand” with one user.",
    ],
    fullModeSteps: ["Under Mappings, leave “Provision Microsoft Entra ID Groups” set to Yes, and assign the groups whose members should be sent."],
    deprovisionOnlySteps: [
      "Under Mappings, set “Provision Microsoft Entra ID Groups” to No, so that Entra does not push groups.",
    ],
    attributeMapping: [
      { scim: "userName", provider: "userPrincipalName" },
      { scim: "emails[type eq \"work\"].value", provider: "mail" },
      { scim: "name.givenName", provider: "givenName" },
      { scim: "name.familyName", provider: "surname" },
      { scim: "active", provider: "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")" },
      { scim: "externalId", provider: "objectId", note: "Keeps the user matched after a rename" },
    ],
    testHint: "In Entra, click “Test Connection” under Admin Credentials, or use “Provision on demand” with one user.",
    limitations: [
      "Entra sends changes on a provisioning cycle of about 40 minutes, not at once. “Provision on demand” pushes one user immediately.",
    ],
  },
  okta: {
    id: "okta",
    name: "Okta",
    tagline: "Okta Workforce Identity",
    console: "Okta Admin Console → Applications",
    fields: {
      scimBaseUrl: "SCIM connector base URL",
      scimToken: "Authorization (Bearer token)",
      samlEntityId: "Audience URI (SP Entity ID)",
      samlAcsUrl: "Single sign-on URL",
      samlMetadata: "Metadata URL",
      oidcRedirectUri: "Sign-in redirect URIs",
      oidcIssuer: "Issuer (your Okta domain, e.g. https://acme.okta.com)",
      oidcClientId: "Client ID",
      oidcClientSecret: "Client secret",
    },
    preferredSso: "saml",
    samlSteps: [
      "In the Okta Admin Console, open Applications → Create App Integration, choose SAML 2.0, and name the app.",
      "Paste our ACS URL into “Single sign-on URL” and our entity ID into “Audience URI (SP Entity ID)”. Set “Name ID format” to EmailAddress.",
      "Finish, then on the Sign On tab copy the “Metadata URL” (or open it and copy the XML) and give it to us below.",
      "Assign the people or groups who should sign in on the Assignments tab.",
    ],
    oidcSteps: [
      "In the Okta Admin Console, open Applications → Create App Integration, choose “OIDC - OpenID Connect” and “Web Application”.",
      "Paste our redirect URI into “Sign-in redirect URIs”.",
      "Copy the “Client ID” and “Client secret” from the General tab.",
      "The issuer is your Okta domain, such as https://acme.okta.com.",
    ],
    scimSupported: true,
    scimSteps: [
      "Open the app's General tab → App Settings → Edit, set Provisioning to “SCIM”, and Save. A Provisioning tab appears.",
      "On Provisioning → Integration → Edit, paste the SCIM base URL into “SCIM connector base URL”.",
      "Set “Unique identifier field for users” to userName.",
      "Tick “Push New Users” and “Push Profile Updates” under “Supported provisioning actions”.",
      "Set “Authentication Mode” to “HTTP Header” and paste the token into “Authorization” (Bearer).",
      "Click “Test Connector Configuration”, then Save.",
      "On Provisioning → To App → Edit, enable “Create Users”, “Update User Attributes” and “Deactivate Users”, then Save.",
      "Assign people on the Assignments tab.",
    ],
    fullModeSteps: ["Tick “Push Groups” under “Supported provisioning actions” too, then choose the groups to send on the Push Groups tab."],
    deprovisionOnlySteps: [
      "Leave “Push Groups” unticked, and do not add groups on the Push Groups tab: group writes are refused in this mode.",
    ],
    attributeMapping: [
      { scim: "userName", provider: "Username (user.login)" },
      { scim: "emails[primary].value", provider: "Primary email (user.email)" },
      { scim: "name.givenName", provider: "First name (user.firstName)" },
      { scim: "name.familyName", provider: "Last name (user.lastName)" },
      { scim: "active", provider: "Set to false when the user is unassigned or deactivated" },
    ],
    testHint: "In Okta, click “Test Connector Configuration” on Provisioning → Integration, or assign a person to the app.",
    limitations: [
      "Okta deactivates a user (active: false) instead of deleting it; the account is marked inactive, never deleted.",
      "SCIM provisioning needs an app created with the App Integration Wizard (SAML or OIDC), not a bookmark app.",
    ],
  },
  google: {
    id: "google",
    name: "Google Workspace",
    tagline: "Google Cloud Identity included",
    console: "Google Admin console → Apps → Web and mobile apps",
    fields: {
      scimBaseUrl: "Endpoint URL",
      scimToken: "Access token",
      samlEntityId: "Entity ID",
      samlAcsUrl: "ACS URL",
      samlMetadata: "IdP metadata (Download metadata)",
      oidcRedirectUri: "Authorized redirect URIs",
      oidcIssuer: "Issuer (https://accounts.google.com)",
      oidcClientId: "Client ID",
      oidcClientSecret: "Client secret",
    },
    preferredSso: "saml",
    samlSteps: [
      "In the Google Admin console, open Apps → Web and mobile apps → Add app → Add custom SAML app, and name it.",
      "On “Google Identity Provider details”, click “Download metadata” and paste the file's contents below (or copy “SSO URL”, “Entity ID” and “Certificate” into a metadata file).",
      "On “Service provider details”, paste our ACS URL into “ACS URL” and our entity ID into “Entity ID”. Set “Name ID format” to EMAIL and “Name ID” to Basic Information › Primary email.",
      "Finish, then turn the app ON for everyone (or for the organisational units that need it) under User access.",
    ],
    oidcSteps: [
      "In the Google Cloud console, open APIs & Services → Credentials → Create credentials → OAuth client ID, type “Web application”.",
      "Paste our redirect URI into “Authorized redirect URIs”.",
      "Copy the “Client ID” and “Client secret”. The issuer is https://accounts.google.com.",
    ],
    scimSupported: false,
    scimSteps: [
      "Google Workspace pushes users over SCIM only to the applications in its own catalog of pre-integrated apps; a custom SAML app like this one cannot receive users from it.",
      "If a connector you already use (for example Okta or Entra synchronising from Google) can push SCIM, choose that provider instead.",
    ],
    fullModeSteps: [],
    deprovisionOnlySteps: [],
    attributeMapping: [
      { scim: "userName", provider: "Primary email" },
      { scim: "emails[primary].value", provider: "Primary email" },
      { scim: "name.givenName", provider: "First name" },
      { scim: "name.familyName", provider: "Last name" },
    ],
    testHint: "Send any SCIM request from your connector.",
    limitations: [
      "Google Workspace pushes users (SCIM) only to some applications: the pre-integrated apps in Google's catalog. It cannot push users to this one. Use single sign-on alone (accounts are made when people first sign in; remove their access in Google to stop sign-in), or connect a provider that can push SCIM.",
    ],
  },
  onelogin: {
    id: "onelogin",
    name: "OneLogin",
    tagline: "OneLogin by One Identity",
    console: "OneLogin Administration → Applications",
    fields: {
      scimBaseUrl: "SCIM Base URL",
      scimToken: "SCIM Bearer Token",
      samlEntityId: "SAML Audience URL",
      samlAcsUrl: "SAML Consumer URL",
      samlMetadata: "SAML Metadata (More Actions)",
      oidcRedirectUri: "Redirect URI's",
      oidcIssuer: "Issuer URL (https://<subdomain>.onelogin.com/oidc/2)",
      oidcClientId: "Client ID",
      oidcClientSecret: "Client Secret",
    },
    preferredSso: "saml",
    samlSteps: [
      "In OneLogin, open Applications → Add App and choose “SCIM Provisioner with SAML (SCIM v2 Enterprise)”. This template does both sign-in and provisioning.",
      "On the Configuration tab, paste our entity ID into “SAML Audience URL” and our ACS URL into “SAML Consumer URL”, then Save.",
      "Under More Actions → SAML Metadata, download the metadata and paste its contents below.",
    ],
    oidcSteps: [
      "In OneLogin, open Applications → Add App and choose “OpenId Connect (OIDC)”.",
      "On the Configuration tab, paste our redirect URI into “Redirect URI's”, then Save.",
      "On the SSO tab, copy the “Client ID” and “Client Secret” and the issuer URL.",
    ],
    scimSupported: true,
    scimSteps: [
      "Use the “SCIM Provisioner with SAML (SCIM v2 Enterprise)” app from the SSO step (a plain SAML connector cannot provision).",
      "On the Configuration tab, paste the SCIM base URL into “SCIM Base URL” and the token into “SCIM Bearer Token”.",
      "Under “API Connection”, click Enable, then Save.",
      "On the Provisioning tab, tick “Enable provisioning”. Untick “Require admin approval” for the actions that should happen without a click.",
      "On the Parameters tab, check that “scimusername” maps to Email, then assign users on the Users tab.",
    ],
    fullModeSteps: ["To send groups, map the Groups parameter (Parameters tab) and add a Rule that sets groups from your roles or attributes."],
    deprovisionOnlySteps: ["Do not add Rules that push groups (Parameters → Groups): group writes are refused in this mode."],
    attributeMapping: [
      { scim: "userName", provider: "scimusername (Email)" },
      { scim: "emails[primary].value", provider: "Email" },
      { scim: "name.givenName", provider: "First Name" },
      { scim: "name.familyName", provider: "Last Name" },
    ],
    testHint: "In OneLogin, click Enable under “API Connection” on the Configuration tab, or assign a user to the app.",
    limitations: [
      "By default OneLogin waits for an administrator to approve each create, delete and update. Untick “Require admin approval” on the Provisioning tab, or approve them under Users → Provisioning.",
    ],
  },
  jumpcloud: {
    id: "jumpcloud",
    name: "JumpCloud",
    tagline: "JumpCloud Directory Platform",
    console: "JumpCloud Admin Portal → SSO Applications",
    fields: {
      scimBaseUrl: "Base URL",
      scimToken: "Token Key",
      samlEntityId: "SP Entity ID",
      samlAcsUrl: "ACS URLs",
      samlMetadata: "IdP metadata (Export Metadata)",
      oidcRedirectUri: "Redirect URIs",
      oidcIssuer: "Issuer (https://oauth.id.jumpcloud.com/)",
      oidcClientId: "Client ID",
      oidcClientSecret: "Client Secret",
    },
    preferredSso: "saml",
    samlSteps: [
      "In the JumpCloud Admin Portal, open SSO Applications → Add New Application → Custom Application, and choose “Manage Single Sign-On (SSO)” with “Configure SSO with SAML”.",
      "On the SSO tab, paste our entity ID into “SP Entity ID” and our ACS URL into “ACS URLs”, and set “IdP Entity ID” to a value of your choice.",
      "Save, then use “Export Metadata” and paste the file's contents below.",
      "Bind the user groups who should sign in on the User Groups tab.",
    ],
    oidcSteps: [
      "In the JumpCloud Admin Portal, open SSO Applications → Add New Application → Custom Application, and choose “Configure SSO with OIDC”.",
      "Paste our redirect URI into “Redirect URIs” and Activate.",
      "Copy the “Client ID” and “Client Secret” (the secret is shown once). The issuer is https://oauth.id.jumpcloud.com/.",
    ],
    scimSupported: true,
    scimSteps: [
      "Open the same application and go to the Identity Management tab. Choose SCIM 2.0.",
      "Paste the SCIM base URL into “Base URL” and the token into “Token Key”.",
      "Click “Test Connection”, then “Activate”, then Save.",
      "Bind the user groups whose members should be provisioned to the application.",
    ],
    fullModeSteps: ["Turn on “Group Management” so that the bound groups are sent as groups too."],
    deprovisionOnlySteps: ["Leave “Group Management” off: group writes are refused in this mode."],
    attributeMapping: [
      { scim: "userName", provider: "email" },
      { scim: "emails[primary].value", provider: "email" },
      { scim: "name.givenName", provider: "firstname" },
      { scim: "name.familyName", provider: "lastname" },
    ],
    testHint: "In JumpCloud, click “Test Connection” on the Identity Management tab.",
    limitations: ["JumpCloud provisions users bound to the application through a user group; users outside those groups are not sent."],
  },
  generic: {
    id: "generic",
    name: "your identity provider",
    pickerName: "Another provider",
    tagline: "Any SAML 2.0, OpenID Connect or SCIM 2.0 provider",
    console: "your identity provider's admin console",
    fields: GENERIC_FIELDS,
    preferredSso: "saml",
    samlSteps: [
      "Create a SAML 2.0 application in your identity provider.",
      "Give it our ACS URL and entity ID (or upload our SP metadata file).",
      "Set the NameID to the user's email address.",
      "Give us the provider's metadata: its XML, or the URL it is published at.",
    ],
    oidcSteps: [
      "Create an OpenID Connect web application (authorisation-code flow) in your identity provider.",
      "Register our redirect URI.",
      "Give us the issuer URL (we read its /.well-known/openid-configuration), the client ID and the client secret.",
    ],
    scimSupported: true,
    scimSteps: [
      "Point your provider's SCIM 2.0 client at the SCIM base URL (RFC 7644).",
      "Send the token in every request as an HTTP header: Authorization: Bearer <token>.",
      "Use userName as the unique identifier; send active: false (or DELETE) to deactivate.",
    ],
    fullModeSteps: ["Push groups (/Groups) as well, if group memberships should be known here."],
    deprovisionOnlySteps: ["Turn off group push: group writes are refused in this mode."],
    attributeMapping: [
      { scim: "userName", provider: "The user's unique login, usually the email" },
      { scim: "emails[primary].value", provider: "Work email" },
      { scim: "name.givenName", provider: "First name" },
      { scim: "name.familyName", provider: "Last name" },
    ],
    testHint: "Send any SCIM request, such as GET /Users, with the token.",
    limitations: [],
  },
};

/** A provider's name at the start of a sentence or a title. */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function providerGuide(provider: DirectoryProvider | null | undefined): ProviderGuide {
  return PROVIDER_GUIDES[provider ?? "generic"];
}
