"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { Alert, Button, Field, Select } from "@/components/ui";
import { updateDirectorySyncModeAction } from "@/lib/actions/console/update-directory-sync-mode";
import { actionError } from "./action-error";

export function SyncModeForm({ directoryId, syncMode, canEdit }: { directoryId: string; syncMode: "FULL" | "DEPROVISION_ONLY"; canEdit: boolean }) {
  const router = useRouter();
  const update = useAction(updateDirectorySyncModeAction, { onSuccess: () => router.refresh() });
  const error = actionError(update.result);
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        update.execute({ directoryId, syncMode: String(new FormData(event.currentTarget).get("syncMode")) as "FULL" | "DEPROVISION_ONLY" });
      }}
    >
      <Field
        label="Sync mode"
        hint="Full provisioning creates, updates and deactivates accounts. Deprovision-only creates accounts at SSO sign-in and lets SCIM only deactivate them. The change applies from the next SCIM request; no data is lost."
      >
        {(control) => (
          <Select {...control} name="syncMode" defaultValue={syncMode} disabled={!canEdit}>
            <option value="FULL">Full provisioning</option>
            <option value="DEPROVISION_ONLY">Deprovision-only (JIT)</option>
          </Select>
        )}
      </Field>
      {canEdit ? (
        <div>
          <Button type="submit" variant="secondary" loading={update.isPending}>Change sync mode</Button>
        </div>
      ) : (
        <p className="text-sm text-zinc-600">Only an admin can change the sync mode.</p>
      )}
      {error ? <Alert tone="danger">{error.message}</Alert> : null}
      {update.hasSucceeded ? <Alert tone="success">Sync mode saved.</Alert> : null}
    </form>
  );
}
