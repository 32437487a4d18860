import { expect, test } from "../fixtures";
import { GROUP_URN, PATCH_URN, scimClient, userBody } from "../support/scim";
import { apiClient, collect, createDirectory, createGlobalKey, createOrganization, type ApiClient, type CreatedDirectory } from "./api-client";

type User = { id: string; user_name: string; active: boolean; email: string | null; attributes: Record<string, unknown>; groups?: { id: string; display_name: string }[] };
type Group = { id: string; display_name: string; member_count: number; members?: { id: string; user_name: string }[]; members_next_cursor?: string | null };

let api: ApiClient;
let dir: CreatedDirectory;
const users: Record<string, string> = {};
let engineering = "";
let empty = "";

test.beforeAll(async () => {
  api = apiClient((await createGlobalKey()).key);
  dir = await createDirectory(api, (await createOrganization(api, "users")).id);
  const client = scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token });
  for (const name of ["ada", "grace", "linus", "margaret", "ken"]) {
    const res = await client.post("/Users", userBody(`${name}@example.com`, { active: name !== "ken", "urn:example:custom": { team: name } }));
    if (res.status !== 201) throw new Error(`SCIM create ${name}: ${res.status} ${res.text}`);
    users[name] = String(res.body!.id);
  }
  const group = await client.post("/Groups", { schemas: [GROUP_URN], displayName: "Engineering", members: [] });
  engineering = String(group.body!.id);
  empty = String((await client.post("/Groups", { schemas: [GROUP_URN], displayName: "Empty" })).body!.id);
  const patch = await client.patch(`/Groups/${engineering}`, {
    schemas: [PATCH_URN],
    Operations: [{ op: "add", path: "members", value: ["ada", "grace", "ken"].map((n) => ({ value: users[n] })) }],
  });
  if (patch.status >= 300) throw new Error(`SCIM patch: ${patch.status} ${patch.text}`);
});

test.describe("GET /api/v1/directories/{id}/users", () => {
  test("lists every user, a page at a time", async () => {
    const { items, pages } = await collect<User>(api, `/api/v1/directories/${dir.id}/users`, 2);
    expect(pages).toBe(3);
    expect(items.map((u) => u.id).sort()).toEqual(Object.values(users).sort());
    expect(items.find((u) => u.id === users.ada)).toMatchObject({ user_name: "ada@example.com", email: "ada@example.com", active: true, attributes: { userName: "ada@example.com" } });
  });

  test("filters by group and by state", async () => {
    const ids = async (query: string) => (await api.get<{ data: User[] }>(`/api/v1/directories/${dir.id}/users?${query}`)).body.data.map((u) => u.id).sort();
    expect(await ids(`group=${engineering}`)).toEqual([users.ada, users.grace, users.ken].sort());
    expect(await ids("state=inactive")).toEqual([users.ken]);
    expect(await ids(`group=${engineering}&state=active`)).toEqual([users.ada, users.grace].sort());
    expect(await ids(`group=${empty}`)).toEqual([]);
    const bad = await api.get(`/api/v1/directories/${dir.id}/users?state=asleep`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { fields: { state: "must be active or inactive" } } });
  });
});

test.describe("GET /api/v1/directories/{id}/users/{userId}", () => {
  test("answers the stored SCIM attributes and the user's groups", async () => {
    const res = await api.get<User>(`/api/v1/directories/${dir.id}/users/${users.grace}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: users.grace, user_name: "grace@example.com", attributes: { "urn:example:custom": { team: "grace" } }, groups: [{ id: engineering, display_name: "Engineering" }] });
    expect(res.body.attributes).not.toHaveProperty("password");
    expect((await api.get<User>(`/api/v1/directories/${dir.id}/users/${users.margaret}`)).body.groups).toEqual([]);
  });

  test("is 404 for an unknown user and for a user of another directory", async () => {
    expect((await api.get(`/api/v1/directories/${dir.id}/users/usr_missing`)).status).toBe(404);
    const other = await createDirectory(api, dir.organization_id);
    expect((await api.get(`/api/v1/directories/${other.id}/users/${users.ada}`)).status).toBe(404);
  });
});

test.describe("GET /api/v1/directories/{id}/groups", () => {
  test("lists groups with their member counts", async () => {
    const res = await api.get<{ data: Group[]; next_cursor: null }>(`/api/v1/directories/${dir.id}/groups`);
    expect(res.body.data.map((g) => [g.display_name, g.member_count])).toEqual([["Engineering", 3], ["Empty", 0]]);
    expect(res.body.next_cursor).toBeNull();
  });

  test("a group's members come a page at a time", async () => {
    const first = await api.get<Group>(`/api/v1/directories/${dir.id}/groups/${engineering}?limit=2`);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ id: engineering, display_name: "Engineering", member_count: 3 });
    expect(first.body.members).toHaveLength(2);
    const second = await api.get<Group>(`/api/v1/directories/${dir.id}/groups/${engineering}?limit=2&after=${first.body.members_next_cursor}`);
    expect(second.body.members).toHaveLength(1);
    expect(second.body.members_next_cursor).toBeNull();
    expect([...first.body.members!, ...second.body.members!].map((m) => m.id).sort()).toEqual([users.ada, users.grace, users.ken].sort());
    expect((await api.get(`/api/v1/directories/${dir.id}/groups/grp_missing`)).status).toBe(404);
  });
});
