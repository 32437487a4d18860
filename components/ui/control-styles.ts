/** Shared look for text-like controls (Input, Textarea, Select) so a form reads as one piece. */
export const controlClassName =
  "block w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm " +
  "placeholder:text-zinc-400 transition-colors " +
  "focus:border-brand-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-500/40 " +
  "disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 " +
  "aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus-visible:outline-red-500/40";
