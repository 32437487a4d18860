"use client";

import { useState } from "react";
import { Alert, Button, Card, CardContent, CardFooter, CardHeader, CardTitle, CopyField, LinkButton } from "@/components/ui";
import { revealScimTokenAction } from "@/lib/actions/portal/reveal-scim-token";
import { upperFirst } from "@/lib/portal/provider-guides";
import { previousTokensSentence } from "./previous-tokens";
import { usePortalAction } from "./use-portal-action";

export type DeliveredTokenState = { status: "ready"; tokenPrefix: string } | { status: "shown"; tokenPrefix: string; revealedAt: string } | { status: "withdrawn"; tokenPrefix: string };

// Formatted on the server's render in UTC, named, so the page and its hydration agree.
const shownAt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

const NEW_TOKEN_HOWTO = "If it was not stored, get a new one with Rotate token on the Done page.";

/**
 * The SCIM token that staff rotated and sent with this setup link (issue 15, part 2). It is shown once, on the
 * admin's click: the server erases it as it answers, so a reload or a second visit says it was shown and where
 * to get another. Showing it on a click rather than on load keeps a link preview or prefetch from spending it.
 */
export function DeliveredToken({ state, providerName, tokenField }: { state: DeliveredTokenState; providerName: string; tokenField: string }) {
  const [revealed, setRevealed] = useState<{ token: string; previousTokens: { prefix: string; expiresAt: string }[] } | null>(null);
  const reveal = usePortalAction(revealScimTokenAction);

  if (state.status !== "ready" && !revealed) {
    return (
      <Alert tone="info" title={`The new SCIM token ${state.tokenPrefix}… ${state.status === "shown" ? "was already shown" : "can no longer be shown"}`} actions={<LinkButton href="/setup/done" variant="secondary" size="sm">Go to the Done page</LinkButton>}>
        {state.status === "shown"
          ? `It was shown once, on ${shownAt.format(new Date(state.revealedAt))}, and is not kept anywhere, so it cannot be shown again. ${NEW_TOKEN_HOWTO}`
          : "It stopped working, or this link ended, before it was opened. Get a new one with Rotate token on the Done page."}
      </Alert>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Your new SCIM token</CardTitle>
        <p className="text-sm text-zinc-600">
          Rollcall support rotated the token {upperFirst(providerName)} uses and sent the new one with this link, so that nobody else sees it. It is shown only once.
        </p>
      </CardHeader>
      <CardContent className="space-y-3">
        {revealed ? (
          <>
            <CopyField id="delivered-token" label={`New ${tokenField}`} value={revealed.token} hint={`Paste it into ${providerName}'s ${tokenField} field now: it is shown only this once.`} />
            <Alert tone="info">{previousTokensSentence(revealed.previousTokens, providerName, tokenField)}</Alert>
            <Alert tone="warning" title="Store this token now">
              We no longer keep it, even encrypted: a reload will not show it again. {NEW_TOKEN_HOWTO}
            </Alert>
          </>
        ) : (
          <p className="text-sm text-zinc-600">Have {upperFirst(providerName)}&apos;s provisioning settings open, then show the token and paste it into its {tokenField} field.</p>
        )}
        {reveal.formError ? <Alert tone="danger">{reveal.formError}</Alert> : null}
      </CardContent>
      {revealed ? null : (
        <CardFooter>
          <Button
            loading={reveal.pending}
            onClick={async () => {
              const data = await reveal.run({});
              if (data) setRevealed(data);
            }}
          >
            Show the new token
          </Button>
        </CardFooter>
      )}
    </Card>
  );
}
