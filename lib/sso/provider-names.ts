import type { DirectoryProvider } from "@/lib/db/generated/client";

const NAMES: Record<DirectoryProvider, string> = {
  entra: "Microsoft Entra ID",
  okta: "Okta",
  google: "Google Workspace",
  onelogin: "OneLogin",
  jumpcloud: "JumpCloud",
  generic: "your identity provider",
};

/** The provider's name as it reads in a sentence shown to the customer's IT admin ("… from Okta"). */
export function ssoProviderName(provider: DirectoryProvider): string {
  return NAMES[provider];
}
