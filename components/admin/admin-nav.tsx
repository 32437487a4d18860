import { Tabs, type TabItem } from "./tabs";

const ITEMS: TabItem[] = [
  // A directory's pages belong to its organisation.
  { href: "/admin/organizations", label: "Organisations", also: ["/admin/directories"] },
  { href: "/admin/sync-log", label: "Sync log" },
  { href: "/admin/audit", label: "Audit trail" },
];

export function AdminNav() {
  return <Tabs label="Console" items={ITEMS} className="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8" />;
}
