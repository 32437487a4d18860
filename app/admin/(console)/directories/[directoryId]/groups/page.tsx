import type { Metadata } from "next";
import { formatDateTime, formatNumber } from "@/components/admin/format";
import { orNotFound, param, type SearchParams } from "@/components/admin/or-not-found";
import { Pager } from "@/components/admin/pager";
import { SearchForm } from "@/components/admin/search-form";
import { Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { searchDirectoryGroups } from "@/lib/directory/search-directory-groups";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Directory groups" };
export const dynamic = "force-dynamic";

export default async function DirectoryGroupsPage({ params, searchParams }: { params: Promise<{ directoryId: string }>; searchParams: SearchParams }) {
  await requireStaff();
  const { directoryId } = await params;
  const query = await searchParams;
  const q = param(query, "q");
  const after = param(query, "after");
  const directory = await orNotFound(getDirectoryOrThrow({ directoryId }));
  const page = await searchDirectoryGroups({ directoryId: directory.id, organizationId: directory.organizationId, q, after, limit: 50 });

  return (
    <section aria-labelledby="groups-heading" className="flex flex-col gap-4">
      <h2 id="groups-heading" className="sr-only">Groups</h2>
      <SearchForm label="Search groups" value={q} placeholder="Name, id or externalId" />
      <Table caption={q ? `Groups matching “${q}”` : "Groups"} hideCaption>
        <THead>
          <TR>
            <TH>Name</TH>
            <TH>Members</TH>
            <TH>externalId</TH>
            <TH>Updated</TH>
          </TR>
        </THead>
        <TBody>
          {page.data.length === 0 ? (
            <TableEmptyRow colSpan={4}>{q ? `No group matches “${q}”.` : "No groups yet. They appear when the identity provider pushes them over SCIM."}</TableEmptyRow>
          ) : (
            page.data.map((g) => (
              <TR key={g.id}>
                <TD className="break-all">
                  <span className="font-medium text-zinc-900">{g.displayName}</span>
                  <div className="font-mono text-xs text-zinc-500">{g.id}</div>
                </TD>
                <TD className="tabular-nums">{formatNumber(g.memberCount)}</TD>
                <TD className="font-mono text-xs break-all">{g.externalId ?? ""}</TD>
                <TD className="whitespace-nowrap">{formatDateTime(g.updatedAt)}</TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
      <Pager basePath={`/admin/directories/${directory.id}/groups`} params={{ q, after }} nextCursor={page.nextCursor} label="Group pages" />
    </section>
  );
}
