"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { Alert, Button, Field, Input, Textarea } from "@/components/ui";
import { createOrganizationAction } from "@/lib/actions/console/create-organization";
import { updateOrganizationAction } from "@/lib/actions/console/update-organization";
import { actionError, fieldMessage } from "./action-error";

type Organization = { id: string; name: string; slug: string; domains: string[] };

/** Create (no `organization`) or edit an organisation. Errors appear beside the field at fault; nothing changes. */
export function OrganizationForm({ organization }: { organization?: Organization }) {
  const router = useRouter();
  const create = useAction(createOrganizationAction, { onSuccess: ({ data }) => data && router.push(`/admin/organizations/${data.id}`) });
  const update = useAction(updateOrganizationAction, {
    onSuccess: () => {
      router.push(`/admin/organizations/${organization!.id}`);
      router.refresh();
    },
  });
  const current = organization ? update : create;
  const error = actionError(current.result);

  return (
    <form
      className="flex max-w-xl flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const input = { name: String(form.get("name") ?? ""), slug: String(form.get("slug") ?? ""), domains: String(form.get("domains") ?? "") };
        if (organization) update.execute({ organizationId: organization.id, ...input });
        else create.execute(input);
      }}
    >
      {error && !["name", "slug", "domains"].includes(error.field?.split(".")[0] ?? "") ? <Alert tone="danger" title="Nothing was saved">{error.message}</Alert> : null}
      <Field label="Name" required error={fieldMessage(error, "name")}>
        {(control) => <Input {...control} name="name" defaultValue={organization?.name} maxLength={200} />}
      </Field>
      <Field label="Slug" required hint="Lower-case letters, digits and hyphens; used in URLs and the CLI." error={fieldMessage(error, "slug")}>
        {(control) => <Input {...control} name="slug" defaultValue={organization?.slug} maxLength={63} spellCheck={false} autoCapitalize="none" />}
      </Field>
      <Field label="Domains" hint="The organisation's email domains, separated by commas or new lines." error={error?.field?.startsWith("domains") ? error.message : undefined}>
        {(control) => <Textarea {...control} name="domains" rows={3} defaultValue={organization?.domains.join("\n")} spellCheck={false} />}
      </Field>
      <div className="flex gap-3">
        <Button type="submit" loading={current.isPending}>
          {organization ? "Save changes" : "Create organisation"}
        </Button>
      </div>
    </form>
  );
}
