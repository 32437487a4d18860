// Issue 14: POST /api/v1/directories/{id}/imports (text/csv), over real HTTP. A bad row is reported by line and
// column and applies nothing; preview changes nothing; skip_invalid_rows applies the good rows; another
// organisation's key gets 404; a SCIM directory refuses imports.
import { expect, test } from "../fixtures";
import { sql } from "../support/db";
import { apiClient, createOrgKey } from "./api-client";
import { dsyncJson } from "../support/cli";

let counter = 0;

async function csvDirectory() {
  const slug = `imports-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  dsyncJson("org", "create", "--name", `Imports ${slug}`, "--slug", slug);
  const key = await createOrgKey(slug);
  const api = apiClient(key.key);
  const created = await api.post<{ id: string }>("/api/v1/directories", { provider: "jumpcloud", source: "csv" });
  expect(created.status, created.text).toBe(201);
  return { api, directoryId: created.body.id };
}

const csv = (text: string) => ({ "Content-Type": "text/csv" as const, text });
const users = (directoryId: string) =>
  sql<{ userName: string; active: boolean }>(`SELECT "userName"::text AS "userName", "active" FROM "DirectoryUser" WHERE "directoryId" = $1 ORDER BY 1`, [directoryId]);

test.describe("POST /api/v1/directories/{id}/imports", () => {
  test("a file with a bad row is refused by line and column and applies nothing; skipping applies the rest", async () => {
    const { api, directoryId } = await csvDirectory();
    const file = csv("email,first name,last name\nada@imports.test,Ada,Lovelace\nnot-an-email,Bad,Row\nada@imports.test,Ada,Again\ngrace@imports.test,Grace,Hopper\n");

    const preview = await api.post(`/api/v1/directories/${directoryId}/imports?mode=preview`, file.text, { "Content-Type": file["Content-Type"] });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({
      mode: "preview", row_count: 4, counts: { created: 2, updated: 0, deactivated: 0 },
      problems: [
        { line: 3, column: "email", message: '"not-an-email" is not an email address' },
        { line: 4, column: "email", message: 'userName "ada@imports.test" is already on line 2' },
      ],
    });

    const refused = await api.post(`/api/v1/directories/${directoryId}/imports?file_name=people.csv`, file.text, { "Content-Type": file["Content-Type"] });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body).toMatchObject({ status: "failed", message: expect.stringContaining("line 3, column email") });
    expect(await users(directoryId)).toEqual([]);

    const skipped = await api.post(`/api/v1/directories/${directoryId}/imports?skip_invalid_rows=true`, file.text, { "Content-Type": file["Content-Type"] });
    expect(skipped.status, skipped.text).toBe(201);
    expect(skipped.body).toMatchObject({ status: "succeeded", counts: { created: 2 } });
    expect(await users(directoryId)).toEqual([{ userName: "ada@imports.test", active: true }, { userName: "grace@imports.test", active: true }]);

    const history = await api.get<{ data: Array<{ status: string; file_name: string | null; trigger: string }> }>(`/api/v1/directories/${directoryId}/syncs`);
    expect(history.body.data.map((s) => [s.status, s.trigger])).toEqual([["succeeded", "api"], ["failed", "api"]]);
    expect(history.body.data[1]!.file_name).toBe("people.csv");
  });

  test("a column mapping, a wrong content type, another organisation's key and a SCIM directory", async () => {
    const { api, directoryId } = await csvDirectory();
    const mapped = await api.post(`/api/v1/directories/${directoryId}/imports?column_email=Work%20mail`, "Work mail,Given\nlin@imports.test,Lin\n", { "Content-Type": "text/csv" });
    expect(mapped.status, mapped.text).toBe(201);
    expect(await users(directoryId)).toEqual([{ userName: "lin@imports.test", active: true }]);

    const noEmail = await api.post(`/api/v1/directories/${directoryId}/imports`, "Work mail,Given\nlin@imports.test,Lin\n", { "Content-Type": "text/csv" });
    expect(noEmail.status, noEmail.text).toBe(400);
    expect(noEmail.body).toMatchObject({ error: { code: "invalid_input", fields: { file: expect.stringContaining("No column holds the email") } } });

    const json = await api.post(`/api/v1/directories/${directoryId}/imports`, { email: "x@imports.test" });
    expect(json.status, json.text).toBe(415);

    const other = await csvDirectory();
    const cross = await other.api.post(`/api/v1/directories/${directoryId}/imports`, "email\nmallory@imports.test\n", { "Content-Type": "text/csv" });
    expect(cross.status, cross.text).toBe(404);
    expect(await users(directoryId)).toEqual([{ userName: "lin@imports.test", active: true }]);

    const scim = await api.post<{ id: string }>("/api/v1/directories", { provider: "okta" });
    const refused = await api.post(`/api/v1/directories/${scim.body.id}/imports`, "email\nx@imports.test\n", { "Content-Type": "text/csv" });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.text).toContain("only Google Workspace and CSV directories are pulled");
  });
});
