import { sql, type Sql } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { redactRequestBody } from "./redact";
import type { SyncLogAction } from "./sync-log-vocabulary";

/**
 * What an entry written by the statement that makes the change (or the read) takes from that statement's rows:
 * `from` is the CTE of the row, `id`, `subject` and `actions` SQL expressions over it (each defaults to this
 * log's own value).
 */
export type LoggedRow = { from: string; resourceType: "User" | "Group"; id: string; subject?: string; actions?: string };

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
    const values: unknown[] = [];
    await tx.execute(`INSERT INTO "SyncLogEntry" ${this.columnsAndValues(values, status, error)}`, values, "sync_log_insert");
  }

  /**
   * A successful read logs itself in its own statement (issue 13: one round trip, not two): the caller puts
   * `WITH log AS (INSERT INTO "SyncLogEntry" <this>)` before its SELECT, appending the values to its `params`.
   * PostgreSQL runs a data-modifying CTE whether or not it is referenced, and runs all of it or none of it.
   * The entry says 200 and the latency so far; if the statement fails, call `notWritten()` so that the wrapper
   * writes the error's entry instead.
   */
  insertForRead(params: unknown[], about?: LoggedRow): string {
    return this.insertWithin(params, 200, about);
  }

  /** The INSERT of this entry as part of a write's own statement (a data-modifying CTE), with its values in `params`. */
  insertWithin(params: unknown[], status: number, about?: LoggedRow): string {
    if (this.written) throw new Error("This request's sync-log entry is already written");
    this.written = true;
    return `INSERT INTO "SyncLogEntry" ${this.columnsAndValues(params, status, undefined, about)}`;
  }

  notWritten() {
    this.written = false;
  }

  /**
   * `(columns) VALUES ($n, …)`, with the values appended to `params`; with `about`, `(columns) SELECT … FROM <from>`,
   * the resource's id and subject taken from the row read.
   */
  private columnsAndValues(params: unknown[], status: number, error?: { scimType?: string; detail: string }, about?: LoggedRow): string {
    // In a SELECT, PostgreSQL takes an untyped parameter for text: each says its column's type.
    const value = (v: unknown, type = "text") => `$${params.push(v)}${about ? `::${type}` : ""}`;
    const row: Record<string, string> = {
      id: value(newId("log")), organizationId: value(this.init.organizationId), directoryId: value(this.init.directoryId),
      method: value(this.init.method), path: value(this.init.path), query: value(this.init.query), status: value(status, "int"),
      latencyMs: value(Math.round(performance.now() - this.startedAt), "int"), tokenPrefix: value(this.init.tokenPrefix),
      clientIp: value(this.init.clientIp), userAgent: value(this.init.userAgent), resourceType: value(about?.resourceType ?? this.resourceType),
      resourceId: about ? about.id : value(this.resourceId), actions: about?.actions ?? value(this.actions, "text[]"),
      subject: about?.subject ?? value(this.subject, "citext"),
      scimType: value(error?.scimType ?? null), errorDetail: value(error?.detail ?? null),
      requestBody: value(this.requestBody === null ? null : JSON.stringify(this.requestBody), "jsonb"),
    };
    const columns = `(${Object.keys(row).map((c) => `"${c}"`).join(", ")})`;
    const values = Object.values(row).join(", ");
    return about ? `${columns} SELECT ${values} FROM ${about.from}` : `${columns} VALUES (${values})`;
  }

  /** Writes the entry on its own, for requests that changed nothing. */
  async write(status: number, error?: { scimType?: string; detail: string }) {
    await this.writeIn(sql, status, error);
  }
}
