import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate";
import { queryOnce } from "@/lib/testing/query-once";
import { createEmptyDatabase } from "@/lib/testing/test-database";

const SSO_BASE = "20261202100000_sso_base";

// A connection saved before issue 11 kept one certificate in "samlIdpCertificate"; after the migration it is
// the first (and only) entry of "samlIdpCertificates", its binding is HTTP-Redirect, and IdP-initiated is off.
it("the SSO base migration carries an existing SAML connection's certificate into the list", async () => {
  const url = await createEmptyDatabase();
  const before = await mkdtemp(path.join(tmpdir(), "rollcall-migrations-"));
  try {
    for (const file of (await readMigrations()).filter((f) => f.name < SSO_BASE)) {
      await cp(path.join(MIGRATIONS_DIR, file.name), path.join(before, file.name), { recursive: true });
    }
    await migrate(url, { dir: before });
  } finally {
    await rm(before, { recursive: true, force: true });
  }
  await queryOnce(url, `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES ('org_a', 'a', 'A', now()), ('org_b', 'b', 'B', now())`);
  await queryOnce(
    url,
    `INSERT INTO "SsoConnection" (id, "organizationId", provider, protocol, "samlIdpEntityId", "samlIdpSsoUrl", "samlIdpCertificate", "updatedAt")
     VALUES ('sso_a', 'org_a', 'okta', 'saml', 'http://idp', 'https://idp/sso', '-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n', now())`,
  );
  await queryOnce(url, `INSERT INTO "SsoConnection" (id, "organizationId", provider, protocol, "oidcIssuer", "updatedAt") VALUES ('sso_b', 'org_b', 'okta', 'oidc', 'https://op', now())`);

  await migrate(url);
  const rows = await queryOnce<{ id: string; samlIdpCertificates: string[]; samlIdpSsoBinding: string | null; allowIdpInitiated: boolean }>(
    url,
    `SELECT id, "samlIdpCertificates", "samlIdpSsoBinding"::text, "allowIdpInitiated" FROM "SsoConnection" ORDER BY id`,
  );
  expect(rows).toEqual([
    { id: "sso_a", samlIdpCertificates: ["-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n"], samlIdpSsoBinding: "redirect", allowIdpInitiated: false },
    { id: "sso_b", samlIdpCertificates: [], samlIdpSsoBinding: null, allowIdpInitiated: false },
  ]);
});
