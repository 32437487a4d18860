import { createOrganization } from "@/lib/organizations/create-organization";
import { listOrganizations } from "@/lib/organizations/list-organizations";
import { table, type CommandResult } from "../output";
import { defineCommand, requireString } from "../command";

export const orgCreate = defineCommand({
  name: "org create",
  usage: "org create --name <name> --slug <slug> [--domain <domain>]... [--support-contact <email or URL>]",
  options: { name: { type: "string" }, slug: { type: "string" }, domain: { type: "string", multiple: true }, "support-contact": { type: "string" } },
  async run(values): Promise<CommandResult> {
    const org = await createOrganization({
      name: requireString(values, "name"),
      slug: requireString(values, "slug"),
      domains: (values.domain as string[] | undefined) ?? [],
      supportContact: values["support-contact"] as string | undefined,
    });
    return {
      json: { id: org.id, slug: org.slug, name: org.name, domains: org.domains, supportContact: org.supportContact },
      text: `Created organization ${org.name} (${org.slug}), id ${org.id}`,
    };
  },
});

export const orgList = defineCommand({
  name: "org list",
  usage: "org list",
  options: {},
  async run(): Promise<CommandResult> {
    const orgs = await listOrganizations();
    const rows = orgs.map((o) => ({ id: o.id, slug: o.slug, name: o.name, domains: o.domains, createdAt: o.createdAt.toISOString() }));
    return {
      json: { organizations: rows },
      text: table(["ID", "SLUG", "NAME", "DOMAINS"], rows.map((o) => [o.id, o.slug, o.name, o.domains.join(",")])),
    };
  },
});
