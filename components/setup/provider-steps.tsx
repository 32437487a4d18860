/** A provider's own instructions, numbered. Text from our guides, rendered as text. */
export function ProviderSteps({ title, steps }: { title: string; steps: string[] }) {
  if (steps.length === 0) return null;
  return (
    <section aria-label={title} className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      <ol className="mt-4 space-y-3">
        {steps.map((step, index) => (
          <li key={step} className="flex gap-3 text-sm text-zinc-700">
            <span aria-hidden="true" className="flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-700">
              {index + 1}
            </span>
            <span className="min-w-0 pt-0.5 leading-relaxed">{step}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
