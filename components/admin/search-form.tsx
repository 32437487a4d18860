import { Button, Input, Label } from "@/components/ui";

/**
 * A GET form: the search lands in the URL, so it can be shared, reloaded and paged, and works before any
 * JavaScript has loaded. Other query parameters to keep (a tab, a filter) go in `keep`.
 */
export function SearchForm({ label, name = "q", value, placeholder, keep = {} }: { label: string; name?: string; value?: string; placeholder?: string; keep?: Record<string, string | undefined> }) {
  const id = `search-${name}`;
  return (
    <form role="search" method="get" className="flex flex-col gap-1.5 sm:max-w-xl">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input id={id} name={name} type="search" defaultValue={value} placeholder={placeholder} autoComplete="off" spellCheck={false} />
        {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </div>
    </form>
  );
}
