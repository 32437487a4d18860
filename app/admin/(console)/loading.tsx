import { Spinner } from "@/components/ui";

export default function Loading() {
  return (
    <div className="flex items-center gap-2 py-10 text-sm text-zinc-600">
      <Spinner label="Loading" /> Loading…
    </div>
  );
}
