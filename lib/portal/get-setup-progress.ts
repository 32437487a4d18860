import type { DirectoryProvider } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";

export type SetupProgressView = { provider: DirectoryProvider | null; completedSteps: string[]; directoryId: string | null };

/** The organisation's saved wizard progress; an organisation that has not started has an empty one. */
export async function getSetupProgress({ organizationId }: { organizationId: string }): Promise<SetupProgressView> {
  const row = await db.setupProgress.findUnique({ where: { organizationId } });
  return { provider: row?.provider ?? null, completedSteps: row?.completedSteps ?? [], directoryId: row?.directoryId ?? null };
}
