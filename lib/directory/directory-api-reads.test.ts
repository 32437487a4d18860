import { describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createDirectory } from "./create-directory";
import { deleteDirectory } from "./delete-directory";
import { getDirectoryGroupOrThrow } from "./get-directory-group-or-throw";
import { getDirectoryOrThrow } from "./get-directory-or-throw";
import { getDirectoryUserOrThrow } from "./get-directory-user-or-throw";
import { listDirectoriesPage } from "./list-directories-page";
import { listDirectoryGroups } from "./list-directory-groups";
import { listDirectoryUsers } from "./list-directory-users";
import { updateDirectory } from "./update-directory";

setupTestDatabase();

let counter = 0;
async function newDirectory() {
  const slug = `reads-${counter++}`;
  const org = await createOrganization({ name: slug, slug });
  return (await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" })).directory;
}

async function addUser(dir: { id: string; organizationId: string }, userName: string, active = true) {
  const id = newId("usr");
  await sql.execute(
    `INSERT INTO "DirectoryUser" (id, "organizationId", "directoryId", "userName", email, active, attributes) VALUES ($1, $2, $3, $4, $4, $5, $6)`,
    [id, dir.organizationId, dir.id, userName, active, JSON.stringify({ userName, active })],
  );
  return id;
}

async function addGroup(dir: { id: string; organizationId: string }, displayName: string, members: string[]) {
  const id = newId("grp");
  await sql.execute(`INSERT INTO "DirectoryGroup" (id, "organizationId", "directoryId", "displayName", attributes) VALUES ($1, $2, $3, $4, $5)`, [id, dir.organizationId, dir.id, displayName, JSON.stringify({ displayName })]);
  for (const userId of members) {
    await sql.execute(`INSERT INTO "GroupMember" ("organizationId", "directoryId", "groupId", "userId") VALUES ($1, $2, $3, $4)`, [dir.organizationId, dir.id, id, userId]);
  }
  return id;
}

describe("directory reads for the management API", () => {
  it("list users by group and state, a page at a time", async () => {
    const dir = await newDirectory();
    const [a, b, c] = [await addUser(dir, "a@x.io"), await addUser(dir, "b@x.io", false), await addUser(dir, "c@x.io")];
    const group = await addGroup(dir, "G", [a!, b!]);
    const first = await listDirectoryUsers({ directoryId: dir.id, limit: 2 });
    const second = await listDirectoryUsers({ directoryId: dir.id, limit: 2, after: first.nextCursor! });
    expect([...first.data, ...second.data].map((u) => u.id)).toEqual([a, b, c].sort());
    expect(second.nextCursor).toBeNull();
    expect((await listDirectoryUsers({ directoryId: dir.id, groupId: group, limit: 10 })).data.map((u) => u.id)).toEqual([a, b].sort());
    expect((await listDirectoryUsers({ directoryId: dir.id, groupId: group, active: true, limit: 10 })).data.map((u) => u.id)).toEqual([a]);
    expect((await listDirectoryUsers({ directoryId: dir.id, active: false, limit: 10 })).data.map((u) => u.id)).toEqual([b]);
  });

  it("a user comes with its groups; a group with a page of members", async () => {
    const dir = await newDirectory();
    const users = [await addUser(dir, "m1@x.io"), await addUser(dir, "m2@x.io"), await addUser(dir, "m3@x.io")];
    const group = await addGroup(dir, "Team", users);
    expect((await getDirectoryUserOrThrow({ directoryId: dir.id, userId: users[0]! })).memberships.map((m) => m.group)).toEqual([{ id: group, displayName: "Team" }]);
    const page = await getDirectoryGroupOrThrow({ directoryId: dir.id, groupId: group, membersLimit: 2 });
    expect(page.group._count.members).toBe(3);
    expect(page.members.map((m) => m.userId)).toEqual([...users].sort().slice(0, 2));
    const rest = await getDirectoryGroupOrThrow({ directoryId: dir.id, groupId: group, membersLimit: 2, membersAfter: page.membersNextCursor! });
    expect(rest.members.map((m) => m.userId)).toEqual([...users].sort().slice(2));
    expect(rest.membersNextCursor).toBeNull();
    expect((await listDirectoryGroups({ directoryId: dir.id, limit: 10 })).data.map((g) => [g.id, g._count.members])).toEqual([[group, 3]]);
  });

  it("does not return another directory's or another organisation's users, groups or directories", async () => {
    const a = await newDirectory();
    const b = await newDirectory();
    const userB = await addUser(b, "b@x.io");
    const groupB = await addGroup(b, "B", [userB]);
    await expect(getDirectoryUserOrThrow({ directoryId: a.id, userId: userB })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getDirectoryGroupOrThrow({ directoryId: a.id, groupId: groupB, membersLimit: 10 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listDirectoryUsers({ directoryId: a.id, groupId: groupB, limit: 10 })).data).toEqual([]);
    for (const read of [
      () => getDirectoryOrThrow({ directoryId: b.id, organizationId: a.organizationId }),
      () => listDirectoryUsers({ directoryId: b.id, organizationId: a.organizationId, limit: 10 }),
      () => listDirectoryGroups({ directoryId: b.id, organizationId: a.organizationId, limit: 10 }),
      () => getDirectoryUserOrThrow({ directoryId: b.id, userId: userB, organizationId: a.organizationId }),
      () => updateDirectory({ directoryId: b.id, organizationId: a.organizationId, name: "taken" }),
      () => deleteDirectory({ directoryId: b.id, organizationId: a.organizationId }),
    ]) {
      await expect(read()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await listDirectoriesPage({ organizationId: a.organizationId, limit: 10 })).data.map((d) => d.id)).toEqual([a.id]);
    expect((await getDirectoryOrThrow({ directoryId: b.id })).name).not.toBe("taken");
  });

  it("update renames and switches the sync mode", async () => {
    const dir = await newDirectory();
    expect(await updateDirectory({ directoryId: dir.id, name: "Okta prod", syncMode: "DEPROVISION_ONLY" })).toMatchObject({ name: "Okta prod", syncMode: "DEPROVISION_ONLY" });
    expect(await updateDirectory({ directoryId: dir.id, organizationId: dir.organizationId })).toMatchObject({ name: "Okta prod" });
  });
});
