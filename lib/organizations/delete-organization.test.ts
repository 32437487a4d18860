import { runMigrations } from "graphile-worker";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { createDirectory } from "@/lib/directory/create-directory";
import { createUser } from "@/lib/directory/create-user";
import { createWebhookEndpoint } from "@/lib/events/create-webhook-endpoint";
import { listEvents } from "@/lib/events/list-events";
import { createUserBodySchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { dispatchEvents } from "@/lib/worker/dispatch-events";
import { createOrganization } from "./create-organization";
import { deleteOrganization } from "./delete-organization";

const url = setupTestDatabase();
// The dispatcher queues delivery jobs in graphile-worker's schema, which a worker installs when it starts.
beforeAll(async () => {
  await runMigrations({ connectionString: url() });
});

async function provisionedOrganization(slug: string, beforeUsers?: (organizationId: string) => Promise<unknown>) {
  const org = await createOrganization({ name: `Org ${slug}`, slug, domains: [`${slug}.com`] });
  await beforeUsers?.(org.id);
  const { directory } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
  const body = createUserBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `ann@${slug}.com`, emails: [{ value: `ann@${slug}.com`, primary: true }] });
  await createUser({ directory: { id: directory.id, organizationId: org.id, syncMode: "FULL" }, body });
  return { org, directory };
}

async function deliveries(eventType: string, organizationId: string) {
  return sql.query<{ endpointId: string; status: string }>(
    `SELECT d."endpointId", d.status FROM "WebhookDelivery" d JOIN "Event" e ON e.id = d."eventId" WHERE e.type = $1 AND d."organizationId" = $2`,
    [eventType, organizationId],
  );
}

// Issue 12, item 5: the cascade took the organisation's events and pending deliveries with it, so the host
// product never heard that the organisation went.
describe("deleting an organisation", () => {
  it("emits organization.deleted, which outlives the cascade: it is in the feed and delivered to global endpoints", async () => {
    const global = await createWebhookEndpoint({ organizationId: null, url: "http://127.0.0.1:9/global", eventTypes: [], allowPrivateTargets: true });
    let own!: Awaited<ReturnType<typeof createWebhookEndpoint>>;
    const { org, directory } = await provisionedOrganization("doomed-events", async (organizationId) => {
      own = await createWebhookEndpoint({ organizationId, url: "http://127.0.0.1:9/own", eventTypes: [], allowPrivateTargets: true });
    });
    await dispatchEvents();
    // Pending when the organisation goes: the user's creation, to both endpoints.
    expect((await deliveries("dsync.user.created", org.id)).map((d) => d.endpointId).sort()).toEqual([global.endpoint.id, own.endpoint.id].sort());

    await deleteOrganization({ organizationId: org.id, deletedBy: "api:key_test" });

    expect(await sql.query(`SELECT 1 FROM "Organization" WHERE id = $1`, [org.id])).toHaveLength(0);
    const feed = await listEvents({ organizationId: org.id });
    // Everything the organisation did before is still there for a reader behind the cursor, the deletion last.
    expect(feed.data.map((e) => e.type)).toContain("dsync.user.created");
    expect(feed.data.at(-1)?.type).toBe("organization.deleted");
    const deleted = feed.data.find((e) => e.type === "organization.deleted");
    expect(deleted).toMatchObject({
      organizationId: org.id,
      directoryId: null,
      data: {
        id: org.id, slug: "doomed-events", name: "Org doomed-events", domains: ["doomed-events.com"], deleted_by: "api:key_test",
        deleted: { directories: 1, users: 1, groups: 0, accounts: 1 }, directory_ids: [directory.id],
      },
    });
    // The global endpoint still gets what was pending, and the deletion itself; the organisation's own endpoint went with it.
    expect(await deliveries("dsync.user.created", org.id)).toEqual([{ endpointId: global.endpoint.id, status: "pending" }]);
    await dispatchEvents();
    expect(await deliveries("organization.deleted", org.id)).toEqual([{ endpointId: global.endpoint.id, status: "pending" }]);
  });

  it("touches no other organisation, and a second delete is not found", async () => {
    const { org: a } = await provisionedOrganization("doomed-a");
    const { org: b } = await provisionedOrganization("kept-b");
    await deleteOrganization({ organizationId: a.id, deletedBy: "cli" });
    await expect(deleteOrganization({ organizationId: a.id, deletedBy: "cli" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await sql.query(`SELECT 1 FROM "DirectoryUser" WHERE "organizationId" = $1`, [b.id])).toHaveLength(1);
    expect((await listEvents({ organizationId: b.id })).data.map((e) => e.type)).not.toContain("organization.deleted");
    expect((await listEvents({ organizationId: a.id, types: ["organization.deleted"] })).data).toHaveLength(1);
  });
});
