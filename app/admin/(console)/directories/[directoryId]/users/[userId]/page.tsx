import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { orNotFound } from "@/components/admin/or-not-found";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui";
import { getDirectoryUserOrThrow } from "@/lib/directory/get-directory-user-or-throw";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Directory user" };
export const dynamic = "force-dynamic";

export default async function DirectoryUserPage({ params }: { params: Promise<{ directoryId: string; userId: string }> }) {
  await requireStaff();
  const { directoryId, userId } = await params;
  const user = await orNotFound(getDirectoryUserOrThrow({ directoryId, userId }));
  const base = `/admin/directories/${user.directoryId}`;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href={`${base}/users`} className="text-sm text-zinc-600 hover:underline">All users</Link>
        <h2 className="mt-1 text-xl font-semibold break-all text-zinc-950" data-testid="user-name">{user.userName}</h2>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-600">
          <Badge tone={user.active ? "success" : "neutral"}>{user.active ? "active" : "deactivated"}</Badge>
          <span>version {user.version}</span>
          <span>created {formatDateTime(user.createdAt)}</span>
          <span>updated {formatDateTime(user.updatedAt)}</span>
          <span className="font-mono text-xs">{user.id}</span>
          {user.externalId ? <span>externalId <span className="font-mono text-xs break-all">{user.externalId}</span></span> : null}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardHeader>
            <CardTitle as="h3">Raw SCIM attributes</CardTitle>
          </CardHeader>
          <CardContent>
            {/* Text, never markup: whatever the identity provider sent is shown as characters. */}
            <pre tabIndex={0} aria-label="Raw SCIM attributes" className="max-h-[32rem] overflow-auto rounded-md bg-zinc-950 p-4 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all text-zinc-100">
              {JSON.stringify(user.attributes, null, 2)}
            </pre>
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
                  <li key={group.id} className="break-all">
                    {group.displayName} <span className="font-mono text-xs text-zinc-500">{group.id}</span>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-4 text-zinc-600">
              Account: {user.account ? <span className="font-mono text-xs">{user.account.id}</span> : "not linked"}
            </p>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
