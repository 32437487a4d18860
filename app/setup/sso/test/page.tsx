import type { Metadata } from "next";
import Link from "next/link";
import { loadPortal } from "@/components/setup/load-portal";
import { StepHeading } from "@/components/setup/step-heading";
import { Alert, buttonClassName, Card, CardContent, CardHeader, CardTitle } from "@/components/ui";
import { getTestSignIn } from "@/lib/sign-in/get-test-sign-in";

export const metadata: Metadata = { title: "Single sign-on test" };

export default async function SsoTestResultPage({ searchParams }: { searchParams: Promise<{ attempt?: string }> }) {
  const portal = await loadPortal("sso");
  if (!portal.ok) return portal.page;
  const { attempt } = await searchParams;
  const result = attempt ? await getTestSignIn({ organizationId: portal.principal.organization.id, attemptId: attempt }) : null;
  const again = (
    // eslint-disable-next-line @next/next/no-html-link-for-pages -- a route handler that redirects to the IdP: a full navigation, not a client-side one
    <a href="/setup/sso/test/start" className={buttonClassName({ variant: "secondary" })}>
      Test single sign-on again
    </a>
  );
  return portal.frame(
    <div className="space-y-6">
      <StepHeading description="What your identity provider sent Rollcall. A test sign-in creates no account.">Single sign-on test</StepHeading>
      {!result ? (
        <Alert tone="warning" title="No test result here">
          This test was not found for your organization. Start a new one.
        </Alert>
      ) : result.status === "succeeded" && result.profile ? (
        <>
          <Alert tone="success" title="Single sign-on works">
            {result.profile.would_create_account ? "A real sign-in would create this person's account." : "A real sign-in would use this person's existing account."}
          </Alert>
          <Card>
            <CardHeader>
              <CardTitle>Profile received</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]" data-testid="sso-test-profile">
                <dt className="font-medium">Subject</dt>
                <dd className="min-w-0 break-all">{result.profile.idp_id}</dd>
                <dt className="font-medium">Subject format</dt>
                <dd className="min-w-0 break-all">{result.profile.idp_id_format}</dd>
                <dt className="font-medium">Email</dt>
                <dd className="min-w-0 break-all">{result.profile.email ?? "—"}</dd>
                <dt className="font-medium">First name</dt>
                <dd>{result.profile.first_name ?? "—"}</dd>
                <dt className="font-medium">Last name</dt>
                <dd>{result.profile.last_name ?? "—"}</dd>
              </dl>
              <h3 className="mt-4 text-sm font-semibold">Raw attributes</h3>
              <pre className="mt-1 overflow-x-auto rounded bg-zinc-50 p-3 text-xs">{JSON.stringify(result.profile.raw_attributes, null, 2)}</pre>
            </CardContent>
          </Card>
        </>
      ) : result.status === "failed" ? (
        <Alert tone="danger" title="The test sign-in was refused">
          <p>{result.message}.</p>
          <p className="mt-1 text-xs">
            Reason: <code>{result.reason}</code> · <code>{result.errorCode}</code>
          </p>
        </Alert>
      ) : (
        <Alert tone="info" title="Waiting for your identity provider">
          This test has not come back from your identity provider yet.
        </Alert>
      )}
      <div className="flex gap-3">
        {again}
        <Link href="/setup/sso" className={buttonClassName({ variant: "ghost" })}>
          Back to single sign-on
        </Link>
      </div>
    </div>,
  );
}
