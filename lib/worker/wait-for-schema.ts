import pg from "pg";

/** The database has no Rollcall tables; the message is the one line shown to the operator. */
export class SchemaMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaMissingError";
  }
}

/**
 * Waits until the tables the worker uses exist. The worker never migrates: `npm start` does, under its lock,
 * and a worker started beside it may be a few seconds ahead.
 */
export async function waitForSchema(databaseUrl: string, { timeoutMs = 60_000, intervalMs = 1000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      const [row] = (
        await client.query<{ ready: boolean }>(
          `SELECT to_regclass('public."Event"') IS NOT NULL AND to_regclass('public."WebhookDelivery"') IS NOT NULL
                  AND to_regclass('public."WebhookAttempt"') IS NOT NULL AND to_regclass('public."WebhookEndpoint"') IS NOT NULL AS ready`,
        )
      ).rows;
      if (row?.ready) return;
    } finally {
      await client.end().catch(() => {});
    }
    if (Date.now() >= deadline) {
      throw new SchemaMissingError("The database has no Rollcall schema yet: start Rollcall with `npm start`, which applies the migrations, then start the worker");
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
