import { RadioCard } from "@/components/ui";
import { upperFirst } from "@/lib/portal/provider-guides";

export type SyncMode = "FULL" | "DEPROVISION_ONLY";

/** The two sync modes, a sentence each, as one radio group. */
export function SyncModeOptions({ providerName, groupsOff, value, onChange, disabled, idPrefix = "mode" }: {
  providerName: string;
  /** How to stop this provider sending groups, in its own words (PROVIDER_GROUPS_OFF). */
  groupsOff: string;
  value: SyncMode | null;
  onChange: (mode: SyncMode) => void;
  disabled?: boolean;
  idPrefix?: string;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <RadioCard
        id={`${idPrefix}-full`}
        name={`${idPrefix}-sync-mode`}
        value="FULL"
        checked={value === "FULL"}
        disabled={disabled}
        onChange={() => onChange("FULL")}
        title="Full provisioning"
        description={`${upperFirst(providerName)} creates, updates and deactivates accounts, and keeps groups and their members in sync.`}
      />
      <RadioCard
        id={`${idPrefix}-deprovision`}
        name={`${idPrefix}-sync-mode`}
        value="DEPROVISION_ONLY"
        checked={value === "DEPROVISION_ONLY"}
        disabled={disabled}
        onChange={() => onChange("DEPROVISION_ONLY")}
        title="Deprovision-only"
        description={`Accounts are made when people first sign in with SSO; ${providerName} only deactivates them. ${groupsOff}.`}
      />
    </div>
  );
}

export const SYNC_MODE_NAMES: Record<SyncMode, string> = { FULL: "Full provisioning", DEPROVISION_ONLY: "Deprovision-only" };
