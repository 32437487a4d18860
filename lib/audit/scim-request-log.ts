import { sql, type Sql } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { redactRequestBody } from "./redact";
import type { SyncLogAction } from "./sync-log-vocabulary";

type Init = {
  organizationId: string;
  directoryId: string;
  method: string;
  path: string;
  query: string | null;
  tokenPrefix: string | null;
  clientIp: string | null;
  userAgent: string | null;
};

/**
 * The sync-log entry of one SCIM request, filled in as the request goes. A request that changes data writes it
 * inside the change's own transaction (`writeIn`), so the log never claims a change that rolled back, nor
 * misses one that committed; any other request (reads, rejections, failures) writes it afterwards.
 */
export class ScimRequestLog {
  readonly startedAt = performance.now();
  readonly actions: SyncLogAction[] = [];
  resourceType: string | null = null;
  resourceId: string | null = null;
  subject: string | null = null;
  private requestBody: unknown = null;
  private written = false;

  constructor(private readonly init: Init) {}

  setRequestBody(body: unknown) {
    this.requestBody = redactRequestBody(body);
  }

  about(resourceType: "User" | "Group", resourceId: string | null, subject?: string | null) {
    this.resourceType = resourceType;
    this.resourceId = resourceId;
    if (subject !== undefined && subject !== null) this.subject = subject;
  }

  /** Records `action` `count` times (group.member_added × N is one entry per member). */
  action(action: SyncLogAction, count = 1) {
    for (let i = 0; i < count; i++) this.actions.push(action);
  }

  get isWritten() {
    return this.written;
  }

  /** Writes the entry in the caller's transaction, with the status the change will answer with. */
  async writeIn(tx: Sql, status: number, error?: { scimType?: string; detail: string }) {
    if (this.written) return;
    this.written = true;
    await tx.execute(
      `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "method", "path", "query", "status", "latencyMs",
         "tokenPrefix", "clientIp", "userAgent", "resourceType", "resourceId", "actions", "subject", "scimType", "errorDetail", "requestBody")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        newId("log"), this.init.organizationId, this.init.directoryId, this.init.method, this.init.path, this.init.query, status,
        Math.round(performance.now() - this.startedAt), this.init.tokenPrefix, this.init.clientIp, this.init.userAgent,
        this.resourceType, this.resourceId, this.actions, this.subject, error?.scimType ?? null, error?.detail ?? null,
        this.requestBody === null ? null : JSON.stringify(this.requestBody),
      ],
    );
  }

  /** Writes the entry on its own, for requests that changed nothing. */
  async write(status: number, error?: { scimType?: string; detail: string }) {
    await this.writeIn(sql, status, error);
  }
}
