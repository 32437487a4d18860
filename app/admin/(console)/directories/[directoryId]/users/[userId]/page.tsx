import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { orNotFound } from "@/components/admin/or-not-found";
import { UserSyncHistory } from "@/components/admin/user-sync-history";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui";
import { listResourceSyncHistory } from "@/lib/audit/list-resource-sync-history";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { getDirectoryUserOrThrow } from "@/lib/directory/get-directory-user-or-throw";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Directory user" };
export const dynamic = "force-dynamic";

type Attributes = Record<string, unknown> & {
  name?: { formatted?: string; givenName?: string; familyName?: string };
  title?: string;
  emails?: { value?: string; type?: string; primary?: boolean }[];
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: { department?: string; employeeNumber?: string; manager?: { value?: string; displayName?: string } };
};

/** A directory user's story for support: who they are in words, their account, groups, and every request about them. */
export default async function DirectoryUserPage({ params }: { params: Promise<{ directoryId: string; userId: string }> }) {
  await requireStaff();
  const { directoryId, userId } = await params;
  const user = await orNotFound(getDirectoryUserOrThrow({ directoryId, userId }));
  const [directory, history] = await Promise.all([
    getDirectoryOrThrow({ directoryId: user.directoryId, organizationId: user.organizationId }),
    listResourceSyncHistory({ organizationId: user.organizationId, directoryId: user.directoryId, resourceId: user.id }),
  ]);
  const base = `/admin/directories/${user.directoryId}`;
  const attrs = user.attributes as Attributes;
  const enterprise = attrs["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"];
  const fullName = user.displayName ?? attrs.name?.formatted ?? ([user.givenName, user.familyName].filter(Boolean).join(" ") || null);
  const facts: [string, string | null | undefined][] = [
    ["Name", fullName],
    ["User name", user.userName],
    ["Email", user.email],
    ["Other emails", (attrs.emails ?? []).filter((e) => e.value && e.value !== user.email).map((e) => `${e.value}${e.type ? ` (${e.type})` : ""}`).join(", ") || null],
    ["Job title", attrs.title],
    ["Department", enterprise?.department],
    ["Employee number", enterprise?.employeeNumber],
    ["Manager", enterprise?.manager?.displayName ?? enterprise?.manager?.value],
    ["External id", user.externalId],
  ];

  return (
    <div className="flex flex-col gap-6">
      <div className="min-w-0">
        <Link href={`${base}/users`} className="text-sm text-zinc-600 hover:underline">All users</Link>
        <h2 className="mt-1 text-xl font-semibold [overflow-wrap:anywhere] text-zinc-950" data-testid="user-name">{fullName ?? user.userName}</h2>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-600">
          <Badge tone={user.active ? "success" : "neutral"}>{user.active ? "active in the directory" : "deactivated in the directory"}</Badge>
          <span>version {user.version}</span>
          <span>created {formatDateTime(user.createdAt)}</span>
          <span>updated {formatDateTime(user.updatedAt)}</span>
          <span className="font-mono text-xs break-all">{user.id}</span>
        </p>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <CardHeader>
            <CardTitle as="h3">Attributes</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
              {facts.filter(([, v]) => v).map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="text-zinc-500">{label}</dt>
                  <dd className="text-zinc-900 [overflow-wrap:anywhere]">{value}</dd>
                </div>
              ))}
            </dl>
            <details>
              <summary className="cursor-pointer text-sm font-medium text-brand-700">Show the raw SCIM JSON</summary>
              {/* Text, never markup: whatever the identity provider sent is shown as characters. */}
              <pre tabIndex={0} aria-label="Raw SCIM attributes" className="mt-2 max-h-[32rem] overflow-auto rounded-md bg-zinc-950 p-4 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all text-zinc-100">
                {JSON.stringify(user.attributes, null, 2)}
              </pre>
            </details>
          </CardContent>
        </Card>
        <div className="flex min-w-0 flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle as="h3">Account</CardTitle>
            </CardHeader>
            <CardContent className="text-sm" data-testid="user-account">
              {user.account ? (
                <div className="flex flex-col gap-1">
                  <span className="font-medium [overflow-wrap:anywhere] text-zinc-900">{user.account.name ?? fullName ?? user.account.email}</span>
                  <span className="break-all text-zinc-600">{user.account.email}</span>
                  <span>
                    <Badge tone={user.account.status === "active" ? "success" : "neutral"}>{user.account.status}</Badge>
                    {user.account.deactivatedAt ? <span className="ml-2 text-zinc-600">since {formatDateTime(user.account.deactivatedAt)}</span> : null}
                  </span>
                  <span className="font-mono text-xs break-all text-zinc-500">{user.account.id}</span>
                </div>
              ) : (
                <p className="text-zinc-600">
                  {directory.syncMode === "DEPROVISION_ONLY"
                    ? "No account yet: in deprovision-only mode the account is made at this person's first SSO sign-in."
                    : "Not linked to an account."}
                </p>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle as="h3">Groups ({user.memberships.length})</CardTitle>
            </CardHeader>
            <CardContent>
              {user.memberships.length === 0 ? (
                <p className="text-zinc-600">Not a member of any group.</p>
              ) : (
                <ul className="flex flex-col gap-1.5">
                  {user.memberships.map(({ group }) => (
                    <li key={group.id} className="[overflow-wrap:anywhere]">
                      <Link href={`${base}/groups?q=${encodeURIComponent(group.displayName)}`} className="text-brand-700 hover:underline">{group.displayName}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
      </div>

      <UserSyncHistory
        provider={directory.provider}
        entries={history.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }))}
      />
    </div>
  );
}
