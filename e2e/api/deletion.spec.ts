// Issue 12, item 5: deleting an organisation or a directory must be heard by the host product. An
// organisation's own key could delete it, and the cascade took its events and pending deliveries along.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "../fixtures";
import { scimClient, userBody } from "../support/scim";
import { apiClient, createDirectory, createGlobalKey, createOrganization, createOrgKey, type ApiClient } from "./api-client";

type Event = { id: string; type: string; organization_id: string; directory_id: string | null; data: Record<string, unknown> };

let api: ApiClient;
test.beforeAll(async () => {
  api = apiClient((await createGlobalKey("e2e deletion")).key);
});

/** A loopback receiver: only the operator's global key may register one (issue 12, item 1). */
function receiver() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      bodies.push(body);
      res.writeHead(200).end("ok");
    });
  });
  return new Promise<{ url: string; bodies: string[]; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, close: () => server.close() })),
  );
}

test.describe("DELETE /api/v1/organizations/{id}", () => {
  test("an organization's key can delete neither its own organization (403) nor another (404), even all at once", async () => {
    const a = await createOrganization(api, "del-a");
    const b = await createOrganization(api, "del-b");
    const keyA = apiClient((await createOrgKey(a.slug)).key);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => keyA.delete(`/api/v1/organizations/${i % 2 ? a.id : b.id}`)));
    for (const [i, res] of answers.entries()) {
      expect(res.status, res.text).toBe(i % 2 ? 403 : 404);
    }
    expect(answers[1]!.body).toMatchObject({ error: { code: "forbidden", message: expect.stringContaining("global key") } });
    expect((await api.get(`/api/v1/organizations/${a.id}`)).status).toBe(200);
    expect((await api.get(`/api/v1/organizations/${b.id}`)).status).toBe(200);
    // The key still works: nothing of its organisation went.
    expect((await keyA.get(`/api/v1/organizations/${a.id}`)).status).toBe(200);
  });

  test("a global key's delete sends organization.deleted, which stays in the feed and reaches a global endpoint", async () => {
    const hook = await receiver();
    const endpoint = await api.post<{ id: string }>("/api/v1/webhook-endpoints", { url: hook.url, organization_id: null, event_types: ["organization.deleted"] });
    expect(endpoint.status, endpoint.text).toBe(201);
    try {
      const org = await createOrganization(api, "del-heard");
      const dir = await createDirectory(api, org.id);
      expect((await scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token }).post("/Users", userBody("gone@heard.example"))).status).toBe(201);

      const deleted = await api.delete(`/api/v1/organizations/${org.id}`);
      expect(deleted.status, deleted.text).toBe(204);
      expect((await api.get(`/api/v1/organizations/${org.id}`)).status).toBe(404);

      const feed = await api.get<{ data: Event[] }>(`/api/v1/events?organization=${org.id}`);
      expect(feed.status, feed.text).toBe(200);
      expect(feed.body.data.map((e) => e.type)).toContain("dsync.user.created");
      const event = feed.body.data.at(-1)!;
      expect(event).toMatchObject({
        type: "organization.deleted", organization_id: org.id, directory_id: null,
        data: { id: org.id, slug: org.slug, deleted_by: expect.stringMatching(/^api:key_/), directory_ids: [dir.id], deleted: { directories: 1, users: 1 } },
      });
      await expect.poll(() => hook.bodies.map((b) => JSON.parse(b) as Event).find((e) => e.id === event.id)?.type, { timeout: 20_000 }).toBe("organization.deleted");
    } finally {
      await api.delete(`/api/v1/webhook-endpoints/${endpoint.body.id}`);
      hook.close();
    }
  });
});

test.describe("DELETE /api/v1/directories/{id}", () => {
  test("emits dsync.deleted with the counts of what went; the linked account stays active", async () => {
    const org = await createOrganization(api, "del-dir");
    const dir = await createDirectory(api, org.id);
    const scim = scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token });
    expect((await scim.post("/Users", userBody("stays@dir.example"))).status).toBe(201);
    expect((await api.delete(`/api/v1/directories/${dir.id}`)).status).toBe(204);

    const feed = await api.get<{ data: Event[] }>(`/api/v1/events?organization=${org.id}&types=dsync.deleted`);
    expect(feed.body.data).toEqual([
      expect.objectContaining({ directory_id: dir.id, data: expect.objectContaining({ deleted: { users: 1, active_users: 1, groups: 0, memberships: 0, scim_tokens: 1 }, accounts_unlinked: 1 }) }),
    ]);
    const accounts = await api.get<{ data: { email: string; status: string }[] }>(`/api/v1/organizations/${org.id}/accounts`);
    expect(accounts.body.data).toEqual([expect.objectContaining({ email: "stays@dir.example", status: "active" })]);
  });
});
