import ms from "ms";
import { revokeScimTokens } from "@/lib/auth/revoke-scim-tokens";
import { rotateScimToken } from "@/lib/auth/rotate-scim-token";
import { defineCommand, optionalString, requireString } from "../command";
import { UsageError, type CommandResult } from "../output";

/** "24h", "30m", "7d", "0": what operators type. */
function parseDuration(value: string): number {
  const parsed = /^\d+$/.test(value) ? Number(value) * 1000 : ms(value as ms.StringValue);
  if (typeof parsed !== "number" || !Number.isFinite(parsed) || parsed < 0) {
    throw new UsageError(`--grace must be a duration such as 24h, 30m or 0 (got "${value}")`);
  }
  return parsed;
}

export const tokenRotate = defineCommand({
  name: "token rotate",
  usage: "token rotate --directory <id> [--grace <duration, default 24h>]",
  options: { directory: { type: "string" }, grace: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const graceMs = parseDuration(optionalString(values, "grace") ?? "24h");
    const result = await rotateScimToken({ directoryId: requireString(values, "directory"), graceMs });
    const until = result.previousTokensExpireAt?.toISOString() ?? null;
    return {
      json: { directoryId: result.directoryId, token: result.token, prefix: result.prefix, previousTokensExpireAt: until },
      text: [
        `New bearer token: ${result.token}`,
        until ? `The previous token keeps working until ${until}.` : "There was no active token to phase out.",
        "Store the token now: it is shown only once.",
      ].join("\n"),
    };
  },
});

export const tokenRevoke = defineCommand({
  name: "token revoke",
  usage: "token revoke --directory <id> [--token-prefix <prefix>]",
  options: { directory: { type: "string" }, "token-prefix": { type: "string" } },
  async run(values): Promise<CommandResult> {
    const directoryId = requireString(values, "directory");
    const { revoked } = await revokeScimTokens({ directoryId, prefix: optionalString(values, "token-prefix") });
    return { json: { directoryId, revoked }, text: `Revoked ${revoked} token${revoked === 1 ? "" : "s"} of ${directoryId}` };
  },
});
