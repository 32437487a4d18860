import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { orNotFound, param, type SearchParams } from "@/components/admin/or-not-found";
import { Pager } from "@/components/admin/pager";
import { SearchForm } from "@/components/admin/search-form";
import { Badge, Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { searchDirectoryUsers } from "@/lib/directory/search-directory-users";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Directory users" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

export default async function DirectoryUsersPage({ params, searchParams }: { params: Promise<{ directoryId: string }>; searchParams: SearchParams }) {
  await requireStaff();
  const { directoryId } = await params;
  const query = await searchParams;
  const q = param(query, "q");
  const after = param(query, "after");
  const directory = await orNotFound(getDirectoryOrThrow({ directoryId }));
  const page = await searchDirectoryUsers({ directoryId: directory.id, organizationId: directory.organizationId, q, after, limit: PAGE_SIZE });
  const base = `/admin/directories/${directory.id}/users`;

  return (
    <section aria-labelledby="users-heading" className="flex flex-col gap-4">
      <h2 id="users-heading" className="sr-only">Users</h2>
      <SearchForm label="Search users" value={q} placeholder="userName, email, display name, id or externalId" />
      <Table caption={q ? `Users matching “${q}”` : "Users"} hideCaption>
        <THead>
          <TR>
            <TH>userName</TH>
            <TH>Name</TH>
            <TH>Email</TH>
            <TH>Status</TH>
            <TH>Updated</TH>
          </TR>
        </THead>
        <TBody>
          {page.data.length === 0 ? (
            <TableEmptyRow colSpan={5}>
              {q ? `No user matches “${q}”.` : after ? "No more users." : "No users yet. They appear when the identity provider pushes them over SCIM."}
            </TableEmptyRow>
          ) : (
            page.data.map((u) => (
              <TR key={u.id}>
                <TD className="break-all">
                  <Link href={`${base}/${u.id}`} className="font-medium text-brand-700 hover:underline">{u.userName}</Link>
                </TD>
                <TD>{u.displayName ?? ([u.givenName, u.familyName].filter(Boolean).join(" ") || <span className="text-zinc-400">none</span>)}</TD>
                <TD className="break-all">{u.email ?? <span className="text-zinc-400">none</span>}</TD>
                <TD><Badge tone={u.active ? "success" : "neutral"}>{u.active ? "active" : "deactivated"}</Badge></TD>
                <TD className="whitespace-nowrap">{formatDateTime(u.updatedAt)}</TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
      <Pager basePath={base} params={{ q, after }} nextCursor={page.nextCursor} label="User pages" />
    </section>
  );
}
