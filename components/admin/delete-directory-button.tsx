"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui";
import { deleteDirectoryAction } from "@/lib/actions/console/delete-directory";
import { actionError } from "./action-error";
import { ConfirmButton } from "./confirm-button";

export function DeleteDirectoryButton({ directoryId, name }: { directoryId: string; name: string }) {
  const router = useRouter();
  const del = useAction(deleteDirectoryAction, { onSuccess: ({ data }) => data && router.push(`/admin/organizations/${data.organizationId}`) });
  const error = actionError(del.result);
  return (
    <div className="flex flex-col items-start gap-2">
      <ConfirmButton
        title={`Delete the directory ${name}?`}
        description="Its tokens, users, groups, memberships and sync log are deleted; accounts stay, unlinked. The identity provider's next request gets 401. This cannot be undone."
        confirmLabel="Delete directory"
        pending={del.isPending}
        onConfirm={() => del.execute({ directoryId })}
      >
        Delete directory
      </ConfirmButton>
      {error ? <Alert tone="danger">{error.message}</Alert> : null}
    </div>
  );
}
