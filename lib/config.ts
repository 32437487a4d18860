import path from "node:path";
import { z } from "zod";

const portSchema = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, "must be a postgresql:// connection URL")
    .optional(),
  PORT: portSchema.default(3000),
  APP_URL: z.url({ error: "must be an absolute http(s) URL, like https://rollcall.example.com" })
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
    .optional(),
  DATA_DIR: z.string().min(1, "must not be empty").default(".data"),
  /** Port of the embedded PostgreSQL server, used only when DATABASE_URL is unset. */
  EMBEDDED_PG_PORT: portSchema.default(54329),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Config = {
  databaseUrl: string | undefined;
  port: number;
  appUrl: string;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: "debug" | "info" | "warn" | "error";
};

/** A configuration value that is wrong. Its message is the one line shown to the operator. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Validates the environment. Throws ConfigError naming the first wrong variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "unset" (as in `DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "configuration");
    const got = present[name];
    const shown = name === "DATABASE_URL" ? "" : got === undefined ? "" : ` (got "${got}")`;
    throw new ConfigError(`Configuration error: ${name} ${issue.message}${shown}`);
  }
  const c = result.data;
  return {
    databaseUrl: c.DATABASE_URL,
    port: c.PORT,
    appUrl: (c.APP_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ""),
    dataDir: path.resolve(c.DATA_DIR),
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    logLevel: c.LOG_LEVEL,
  };
}

let cached: Config | undefined;

/** The process's configuration, validated once. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
