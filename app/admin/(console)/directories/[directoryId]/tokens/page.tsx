import type { Metadata } from "next";
import { DeleteDirectoryButton } from "@/components/admin/delete-directory-button";
import { orNotFound } from "@/components/admin/or-not-found";
import { SyncModeForm } from "@/components/admin/sync-mode-form";
import { TokensPanel } from "@/components/admin/tokens-panel";
import { Card, CardContent, CardDescription, CardHeader, CardTitle, CopyField } from "@/components/ui";
import { listActiveScimTokens } from "@/lib/auth/list-scim-tokens";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { scimBaseUrl } from "@/lib/directory/scim-base-url";
import { providerGuide, upperFirst } from "@/lib/portal/provider-guides";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Directory tokens and settings" };
export const dynamic = "force-dynamic";

export default async function DirectoryTokensPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const staff = await requireStaff();
  const { directoryId } = await params;
  const directory = await orNotFound(getDirectoryOrThrow({ directoryId }));
  const tokens = await listActiveScimTokens({ directoryId: directory.id, organizationId: directory.organizationId });
  const isAdmin = staff.role === "admin";
  const guide = providerGuide(directory.provider);

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>SCIM tokens</CardTitle>
          <CardDescription>Only a prefix of each token is kept for display. A new token is shown once, when it is issued.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <CopyField label="SCIM base URL" value={scimBaseUrl(directory.id)} />
          <TokensPanel
            directoryId={directory.id}
            canRevoke={isAdmin}
            canCutOff={isAdmin}
            providerName={upperFirst(guide.name)}
            tokenField={guide.fields.scimToken}
            tokens={tokens.map((t) => ({ id: t.id, prefix: t.prefix, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null }))}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sync mode</CardTitle>
        </CardHeader>
        <CardContent>
          <SyncModeForm directoryId={directory.id} syncMode={directory.syncMode} canEdit={isAdmin} />
        </CardContent>
      </Card>
      {isAdmin ? (
        <Card className="border-red-200">
          <CardHeader>
            <CardTitle>Delete this directory</CardTitle>
          </CardHeader>
          <CardContent>
            <DeleteDirectoryButton directoryId={directory.id} name={directory.name} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
