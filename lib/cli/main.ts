// `npm run dsync -- <command>`: the operator's command line. Every command takes --json and then prints
// exactly one JSON object on stdout; errors are one line on stderr and a non-zero exit code.
import { parseArgs } from "node:util";
import { config, ConfigError } from "@/lib/config";
import { disconnectDb } from "@/lib/db/client";
import { migrate, MigrationError } from "@/lib/db/migrate";
import { DatabaseUnreachableError, openDatabase } from "@/lib/db/open-database";
import { DomainError } from "@/lib/domain-error";
import type { Command } from "./command";
import { accountCreate } from "./commands/account";
import { directoryCreate, directoryList } from "./commands/directory";
import { directoryCreateCsv, directoryImport } from "./commands/directory-import";
import { keyCreate, keyList, keyRevoke } from "./commands/key";
import { orgCreate, orgList } from "./commands/org";
import { sessionCreate } from "./commands/session";
import { ssoRemove, ssoSet, ssoShow } from "./commands/sso";
import { setupLinkCreate, setupLinkList, setupLinkRevoke } from "./commands/setup-link";
import { staffCreate, staffDisable, staffList } from "./commands/staff";
import { tokenRevoke, tokenRotate } from "./commands/token";
import { UsageError } from "./output";

const COMMANDS: Command[] = [
  orgCreate, orgList, directoryCreate, directoryList, directoryCreateCsv, directoryImport, tokenRotate, tokenRevoke,
  keyCreate, keyList, keyRevoke, accountCreate, sessionCreate,
  setupLinkCreate, setupLinkList, setupLinkRevoke, staffCreate, staffList, staffDisable,
  ssoShow, ssoSet, ssoRemove,
];

function help(): string {
  return ["Usage: npm run dsync -- <command> [options] [--json]", "", "Commands:", ...COMMANDS.map((c) => `  ${c.usage}`)].join("\n");
}

function findCommand(argv: string[]): { command: Command; rest: string[] } {
  const words = argv.slice(0, 2).join(" ");
  const command = COMMANDS.find((c) => c.name === words);
  if (!command) {
    const given = argv.filter((a) => !a.startsWith("-")).slice(0, 2).join(" ");
    throw new UsageError(given ? `Unknown command "${given}"; run with --help to list the commands` : "No command given; run with --help to list the commands");
  }
  return { command, rest: argv.slice(2) };
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${help()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const json = argv.includes("--json");
  try {
    const { command, rest } = findCommand(argv);
    let values;
    try {
      ({ values } = parseArgs({ args: rest, options: { ...command.options, json: { type: "boolean" } }, strict: true, allowPositionals: false }));
    } catch (err) {
      throw new UsageError(`${err instanceof Error ? err.message.split("\n")[0] : String(err)}. Usage: ${command.usage}`);
    }
    const cfg = config();
    const database = await openDatabase(cfg);
    try {
      process.env.DATABASE_URL = database.url;
      await migrate(database.url);
      const result = await command.run(values);
      process.stdout.write(json ? `${JSON.stringify(result.json)}\n` : `${result.text}\n`);
      return 0;
    } finally {
      await disconnectDb();
      await database.stop();
    }
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  const usage = err instanceof UsageError;
  const known = usage || err instanceof DomainError || err instanceof ConfigError || err instanceof MigrationError || err instanceof DatabaseUnreachableError;
  // Known errors are the user's to fix and read as a sentence; anything else is ours, still in one line.
  const message = known ? (err as Error).message : `unexpected error: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`;
  process.stderr.write(`error: ${message}\n`);
  return usage ? 2 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
