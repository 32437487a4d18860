import ms from "ms";
import { createSession } from "@/lib/auth/create-session";
import { defineCommand, optionalString, requireString } from "../command";
import { UsageError, type CommandResult } from "../output";

/** "7d", "12h", "3600": what operators type, in whole seconds. */
function parseTtl(value: string): number {
  const milliseconds = /^\d+$/.test(value) ? Number(value) * 1000 : ms(value as ms.StringValue);
  if (typeof milliseconds !== "number" || !Number.isFinite(milliseconds) || milliseconds < 1000) {
    throw new UsageError(`--ttl must be a duration such as 7d, 12h or 3600 (got "${value}")`);
  }
  return Math.floor(milliseconds / 1000);
}

export const sessionCreate = defineCommand({
  name: "session create",
  usage: "session create --account <id> [--ttl <duration, default 7d>]",
  options: { account: { type: "string" }, ttl: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const accountId = requireString(values, "account");
    const ttl = optionalString(values, "ttl");
    const { session, token } = await createSession({ accountId, ttlSeconds: ttl === undefined ? undefined : parseTtl(ttl) });
    return {
      json: { id: session.id, accountId: session.accountId, orgId: session.organizationId, expiresAt: session.expiresAt.toISOString(), token },
      text: [`Started session ${session.id} for ${session.accountId}, until ${session.expiresAt.toISOString()}`, `Session token: ${token}`, "It is shown only once."].join("\n"),
    };
  },
});
