"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui";
import { deleteOrganizationAction } from "@/lib/actions/console/delete-organization";
import { actionError } from "./action-error";
import { ConfirmButton } from "./confirm-button";

export function DeleteOrganizationButton({ organizationId, name }: { organizationId: string; name: string }) {
  const router = useRouter();
  const del = useAction(deleteOrganizationAction, { onSuccess: () => router.push("/admin/organizations") });
  const error = actionError(del.result);
  return (
    <div className="flex flex-col items-end gap-2">
      <ConfirmButton
        title={`Delete ${name}?`}
        description="This deletes the organisation with its directories, users, groups, accounts, sync log, setup links and webhooks. It cannot be undone."
        confirmLabel="Delete organisation"
        typeToConfirm={name}
        pending={del.isPending}
        onConfirm={() => del.execute({ organizationId })}
      >
        Delete organisation
      </ConfirmButton>
      {error ? <Alert tone="danger">{error.message}</Alert> : null}
    </div>
  );
}
