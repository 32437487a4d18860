"use client";

/** The live sync log of the portal's directory: the shared viewer, fed by the portal's own JSON route. */
export function PortalSyncLog({ providerName }: { providerName: string }) {
  return (
    <section aria-labelledby="sync-log-heading" className="space-y-3">
      <h2 id="sync-log-heading" className="text-base font-semibold text-zinc-900">
        Live sync log
      </h2>
      <p className="text-sm text-zinc-600">{`Requests from ${providerName} appear here as they arrive.`}</p>
    </section>
  );
}
