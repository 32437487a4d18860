import path from "node:path";
import { z } from "zod";
import { supportContactSchema } from "./organizations/schemas";
import { parseRedirectUri } from "./sso/parse-redirect-uri";

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
  /** Webhook requests a worker process has in flight at once. */
  WEBHOOK_CONCURRENCY: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(2),
  /**
   * Who may send webhooks to loopback and private addresses: "operator" (endpoints registered with a global
   * API key) or "none" (every endpoint must be public). Organisation keys never may (SSRF).
   */
  WEBHOOK_PRIVATE_TARGETS: z.enum(["operator", "none"], { error: 'must be "operator" or "none"' }).default("operator"),
  /**
   * Reverse proxies in front of Rollcall that append to X-Forwarded-For. 0: the header is ignored and the
   * socket's peer is the client (anyone can write the header).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(0, "must be 0 or more").max(10, "must be at most 10").default(0),
  /**
   * Longest a single SQL statement of a SCIM request may run before it is cancelled and the request answers 503.
   * 30 s: a lawful 10,000-member group PATCH (one statement) passed 10 s on a busy two-core machine, and Okta's and
   * Entra's own request timeouts are longer still; a runaway filter is still stopped well before it runs for minutes.
   */
  SCIM_STATEMENT_TIMEOUT_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int("must be a whole number of milliseconds").min(100, "must be at least 100").max(600_000, "must be at most 600000").default(30_000),
  /**
   * Whether a server keeps the SCIM tokens it resolved, forgetting them on PostgreSQL's NOTIFY of a change
   * (lib/auth/scim-principal-cache.ts). "off" behind a pooler in transaction mode (PgBouncer's), where LISTEN hears nothing.
   */
  SCIM_TOKEN_CACHE: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  /** SCIM requests of one directory that a server process runs at once; more wait their turn (at most 50, for 10 s). */
  SCIM_DIRECTORY_CONCURRENCY: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(2),
  /**
   * Whom a customer's admin asks for a new setup link when theirs has expired, was revoked or is not valid: an
   * email or web address, named on those pages. An organisation's own `support_contact` comes first.
   */
  SUPPORT_CONTACT: supportContactSchema.optional(),
  /** Days a sync-log entry is kept. */
  SYNC_LOG_RETENTION_DAYS: z.coerce.number({ error: "must be a number of days" }).int("must be a whole number of days").min(1, "must be at least 1").max(3650, "must be at most 3650").default(30),
  /** How often the worker derives every directory's connection health and sends the events of changed states. */
  HEALTH_CHECK_INTERVAL_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int("must be a whole number of seconds").min(1, "must be at least 1").max(3600, "must be at most 3600").default(60),
  /**
   * Key that encrypts stored webhook signing secrets (AES-256-GCM): 32 bytes as 64 hex characters or base64.
   * Unset: a key is generated once into <DATA_DIR>/secret.key. Set it when several hosts share one database.
   */
  SECRET_KEY: z
    .string()
    .transform((s) => decodeSecretKey(s))
    .refine((key): key is Buffer => key !== undefined, "must be 32 bytes, as 64 hex characters or base64 (try `openssl rand -base64 32`)")
    .optional(),
  /** Staff single sign-on through the company's own OpenID Connect provider (optional): all three or none. */
  STAFF_OIDC_ISSUER: z.url({ error: "must be the issuer's https URL, like https://login.example.com" })
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
    .optional(),
  STAFF_OIDC_CLIENT_ID: z.string().trim().min(1, "must not be empty").optional(),
  STAFF_OIDC_CLIENT_SECRET: z.string().min(1, "must not be empty").optional(),
  /** Where SSO sign-in may send people back with a code: comma-separated URLs, each matched exactly. */
  SSO_REDIRECT_URIS: z
    .string()
    .transform((text, ctx) => {
      const uris: string[] = [];
      for (const entry of text.split(",")) {
        if (entry.trim() === "") continue;
        const parsed = parseRedirectUri(entry);
        if (!parsed.ok) {
          ctx.addIssue({ code: "custom", message: `has an entry that ${parsed.message}` });
          return z.NEVER;
        }
        if (!uris.includes(parsed.uri)) uris.push(parsed.uri);
      }
      return uris;
    })
    .optional(),
  /**
   * The host product's login-initiation URL (OpenID Connect Core §4, "initiate_login_uri"). An IdP-initiated
   * SAML sign-in, on a connection that allows them, is sent there to start over as an SP-initiated one.
   */
  SSO_INITIATE_LOGIN_URI: z
    .string()
    .transform((text, ctx) => {
      const parsed = parseRedirectUri(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message.replace(/^"[^"]*" /, "") });
        return z.NEVER;
      }
      return parsed.uri;
    })
    .optional(),
}).superRefine((c, ctx) => {
  const oidc = ["STAFF_OIDC_ISSUER", "STAFF_OIDC_CLIENT_ID", "STAFF_OIDC_CLIENT_SECRET"] as const;
  const set = oidc.filter((name) => c[name] !== undefined);
  if (set.length > 0 && set.length < oidc.length) {
    for (const name of oidc.filter((n) => c[n] === undefined)) {
      ctx.addIssue({ code: "custom", path: [name], message: `must be set too, because ${set.join(" and ")} ${set.length > 1 ? "are" : "is"} (staff OIDC needs all three or none)` });
    }
  }
});

function decodeSecretKey(text: string): Buffer | undefined {
  const s = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, "hex");
  // 32 bytes are 43 base64 characters plus one "=" of padding; base64url (no padding) is accepted too.
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) return Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return undefined;
}

export type Config = {
  databaseUrl: string | undefined;
  port: number;
  appUrl: string;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: "debug" | "info" | "warn" | "error";
  syncLogRetentionDays: number;
  webhookConcurrency: number;
  webhookPrivateTargets: "operator" | "none";
  trustedProxyHops: number;
  scimStatementTimeoutMs: number;
  scimDirectoryConcurrency: number;
  scimTokenCache: boolean;
  healthCheckIntervalSeconds: number;
  /** SUPPORT_CONTACT: whom setup-link pages name when the organisation names nobody. */
  supportContact: string | undefined;
  /** The webhook-secret encryption key from SECRET_KEY, or undefined to use <dataDir>/secret.key. */
  secretKey: Buffer | undefined;
  /** The staff OIDC provider, when STAFF_OIDC_* are set. */
  staffOidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
  /** SSO_REDIRECT_URIS: the operator's allow-list of sign-in redirect URIs (the database holds more). */
  ssoRedirectUris: string[];
  /** SSO_INITIATE_LOGIN_URI: where an allowed IdP-initiated sign-in restarts as an SP-initiated one. */
  ssoInitiateLoginUri: string | undefined;
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
    // DATABASE_URL may hold a password, SECRET_KEY is a key and STAFF_OIDC_CLIENT_SECRET a secret: none is echoed.
    const shown = name === "DATABASE_URL" || name === "SECRET_KEY" || name === "STAFF_OIDC_CLIENT_SECRET" ? "" : got === undefined ? "" : ` (got "${got}")`;
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
    syncLogRetentionDays: c.SYNC_LOG_RETENTION_DAYS,
    webhookConcurrency: c.WEBHOOK_CONCURRENCY,
    webhookPrivateTargets: c.WEBHOOK_PRIVATE_TARGETS,
    supportContact: c.SUPPORT_CONTACT,
    trustedProxyHops: c.TRUSTED_PROXY_HOPS,
    scimStatementTimeoutMs: c.SCIM_STATEMENT_TIMEOUT_MS,
    scimDirectoryConcurrency: c.SCIM_DIRECTORY_CONCURRENCY,
    scimTokenCache: c.SCIM_TOKEN_CACHE === "on",
    healthCheckIntervalSeconds: c.HEALTH_CHECK_INTERVAL_SECONDS,
    secretKey: c.SECRET_KEY,
    staffOidc:
      c.STAFF_OIDC_ISSUER && c.STAFF_OIDC_CLIENT_ID && c.STAFF_OIDC_CLIENT_SECRET
        ? { issuer: c.STAFF_OIDC_ISSUER.replace(/\/+$/, ""), clientId: c.STAFF_OIDC_CLIENT_ID, clientSecret: c.STAFF_OIDC_CLIENT_SECRET }
        : undefined,
    ssoRedirectUris: c.SSO_REDIRECT_URIS ?? [],
    ssoInitiateLoginUri: c.SSO_INITIATE_LOGIN_URI,
  };
}

let cached: Config | undefined;

/** The process's configuration, validated once. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
