import Link from "next/link";
import type { ReactNode } from "react";
import { RollcallMark, SiteHeader } from "@/components/site-header";
import {
  Badge,
  buttonClassName,
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
  LinkButton,
} from "@/components/ui";
import { getHealth, type Health } from "@/lib/health/get-health";

// The status panel must say how the service is right now, not how it was at build time.
export const dynamic = "force-dynamic";

const PROVIDERS = ["Microsoft Entra ID", "Okta", "Google Workspace", "OneLogin", "JumpCloud"] as const;

export default async function HomePage() {
  const health = await getHealth();
  const checkedAt = new Date();

  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader />

      <main id="main" className="flex-1">
        <section className="relative overflow-hidden border-b border-zinc-200 bg-white">
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-x-0 -top-40 h-96 bg-[radial-gradient(ellipse_at_top,var(--color-brand-100),transparent_70%)]"
          />
          <div className="relative mx-auto grid max-w-6xl gap-10 px-4 py-14 sm:px-6 sm:py-20 lg:grid-cols-[1fr_22rem] lg:items-start lg:gap-12 lg:px-8">
            <div>
              <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Directory sync over SCIM 2.0</p>
              <h1 className="mt-3 text-4xl font-bold tracking-tight text-zinc-950 sm:text-5xl">Rollcall</h1>
              <p className="mt-5 max-w-2xl text-lg leading-relaxed text-zinc-700">
                Your customers&rsquo; identity providers push their users and groups into Rollcall over SCIM 2.0, each
                organisation through its own URL. Your product learns about every new hire, change and departure
                through signed webhooks, an ordered events feed and a read API.
              </p>
              <ul aria-label="Supported identity providers" className="mt-6 flex flex-wrap gap-2">
                {PROVIDERS.map((provider) => (
                  <li
                    key={provider}
                    className="rounded-full border border-zinc-200 bg-white px-3 py-1 text-sm text-zinc-700 shadow-xs"
                  >
                    {provider}
                  </li>
                ))}
                <li className="rounded-full border border-dashed border-zinc-300 px-3 py-1 text-sm text-zinc-500">
                  any SCIM 2.0 client
                </li>
              </ul>
              <div className="mt-8 flex flex-wrap gap-3">
                <LinkButton href="/admin" size="lg">
                  Open the admin console
                </LinkButton>
                <a href="#get-started" className={buttonClassName({ variant: "secondary", size: "lg" })}>
                  Get started
                </a>
              </div>
            </div>

            <StatusPanel health={health} checkedAt={checkedAt} />
          </div>
        </section>

        <section aria-labelledby="how-heading" className="border-b border-zinc-200">
          <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6 lg:px-8">
            <h2 id="how-heading" className="text-2xl font-semibold tracking-tight text-zinc-950">
              How it works
            </h2>
            <ol className="mt-8 grid gap-6 md:grid-cols-3">
              <HowStep number={1} title="The identity provider pushes">
                A customer&rsquo;s IT admin connects their identity provider to a SCIM URL and bearer token that belong
                to their organisation alone. From then on it creates, updates and deactivates users and groups.
              </HowStep>
              <HowStep number={2} title="Rollcall keeps the directory">
                Every write is validated, stored in one transaction with its sync-log entry and its event, and never
                deletes data: a departed user is deactivated and their sessions end at once.
              </HowStep>
              <HowStep number={3} title="Your product reacts">
                Subscribe to webhooks, read the ordered events feed, or query users and groups through the management
                API, whichever suits the way your product is built.
              </HowStep>
            </ol>
          </div>
        </section>

        <section aria-labelledby="next-heading">
          <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6 lg:px-8">
            <h2 id="next-heading" className="text-2xl font-semibold tracking-tight text-zinc-950">
              Where to go next
            </h2>
            <p className="mt-2 max-w-2xl text-zinc-600">Each kind of caller has its own door, with its own credentials.</p>

            <div className="mt-8 grid grid-flow-row-dense gap-6 sm:grid-cols-2 lg:grid-cols-3">
              <Card>
                <CardHeader>
                  <CardBadge>For your customers&rsquo; IT admins</CardBadge>
                  <CardTitle as="h3">Setup portal</CardTitle>
                  <CardDescription>
                    IT admins open the setup link you send them. There they pick their identity provider, configure
                    SSO, generate the SCIM URL and token, choose the sync mode, test the connection and watch the live
                    sync log.
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <CodeLine>/setup/&lt;token&gt;</CodeLine>
                </CardContent>
                <CardFooter>
                  <p className="text-sm text-zinc-600">
                    Setup links expire. Issue one from the admin console or the management API.
                  </p>
                </CardFooter>
              </Card>

              <Card>
                <CardHeader>
                  <CardBadge>For support staff</CardBadge>
                  <CardTitle as="h3">Admin console</CardTitle>
                  <CardDescription>
                    Look after organisations, read sync logs, rotate and revoke tokens, and issue setup links. Staff
                    sign in to use it.
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <CodeLine>/admin</CodeLine>
                </CardContent>
                <CardFooter>
                  <CardLink href="/admin">Open the admin console</CardLink>
                </CardFooter>
              </Card>

              <Card>
                <CardHeader>
                  <CardBadge>For your product</CardBadge>
                  <CardTitle as="h3">Management API</CardTitle>
                  <CardDescription>
                    Create organisations and setup links, read directory users and groups, and follow the events feed.
                    Requests authenticate with an API key.
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <CodeLine>/api/v1</CodeLine>
                </CardContent>
                <CardFooter>
                  <CardLink href="/api/v1/openapi.json" native>
                    OpenAPI document
                  </CardLink>
                </CardFooter>
              </Card>

              <Card className="sm:col-span-2">
                <CardHeader>
                  <CardBadge>For identity providers</CardBadge>
                  <CardTitle as="h3">SCIM endpoint</CardTitle>
                  <CardDescription>
                    Every directory has its own base URL and bearer token. Microsoft Entra ID calls the URL
                    &ldquo;Tenant URL&rdquo;; Okta calls it &ldquo;SCIM connector base URL&rdquo;. Users live under{" "}
                    <code className="text-zinc-800">/Users</code> and groups under{" "}
                    <code className="text-zinc-800">/Groups</code>.
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <CodeLine>&lt;APP_URL&gt;/scim/v2/&lt;directoryId&gt;</CodeLine>
                  <p className="mt-3 text-sm text-zinc-600">
                    <code className="text-zinc-800">APP_URL</code> is the public address of this deployment. The token is
                    shown once, when the directory is created or its token is rotated.
                  </p>
                </CardContent>
              </Card>

              <Card>
                <CardHeader>
                  <CardBadge>For your load balancer</CardBadge>
                  <CardTitle as="h3">Health check</CardTitle>
                  <CardDescription>
                    Answers with JSON: whether the database is reachable and how many migrations it has applied.
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <CodeLine>/api/health</CodeLine>
                </CardContent>
                <CardFooter>
                  <CardLink href="/api/health" native>
                    Check health now
                  </CardLink>
                </CardFooter>
              </Card>
            </div>
          </div>
        </section>

        <section id="get-started" aria-labelledby="cli-heading" className="scroll-mt-4 border-t border-zinc-200 bg-white">
          <div className="mx-auto grid max-w-6xl gap-8 px-4 py-14 sm:px-6 lg:grid-cols-[1fr_1.4fr] lg:px-8">
            <div>
              <h2 id="cli-heading" className="text-2xl font-semibold tracking-tight text-zinc-950">
                Get started from the command line
              </h2>
              <p className="mt-3 text-zinc-600">
                Create an organisation, then give it a directory. The second command prints the directory&rsquo;s
                SCIM base URL and bearer token: paste both into the identity provider. Store the token straight away,
                because it is shown only once.
              </p>
              <p className="mt-3 text-sm text-zinc-600">
                Use <code className="text-zinc-800">--mode deprovision-only</code> when accounts should be created at
                SSO sign-in and SCIM should only deactivate them. Add <code className="text-zinc-800">--json</code> to
                any command for machine-readable output.
              </p>
            </div>
            {/* Focusable so keyboard users can scroll the long lines sideways on a phone. */}
            <div
              role="region"
              aria-label="Example commands"
              tabIndex={0}
              className="min-w-0 overflow-x-auto rounded-xl bg-zinc-950 p-5 shadow-sm"
            >
              <pre className="text-sm leading-7 text-zinc-100">
                <code>
                  <span className="text-zinc-500"># Create an organisation</span>
                  {"\n"}
                  <Prompt />
                  <span>npm run dsync -- org create --name &quot;Acme&quot; --slug acme</span>
                  {"\n\n"}
                  <span className="text-zinc-500"># Give it a directory that Okta will push to</span>
                  {"\n"}
                  <Prompt />
                  <span>npm run dsync -- directory create --org acme --provider okta --mode full</span>
                </code>
              </pre>
            </div>
          </div>
        </section>
      </main>

      <footer className="border-t border-zinc-200 bg-zinc-50">
        <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-zinc-600 sm:flex-row sm:items-center sm:justify-between sm:px-6 lg:px-8">
          <div className="flex items-center gap-2">
            <RollcallMark className="size-5" />
            <span>Rollcall: self-hosted directory sync, SCIM 2.0 (RFC 7643 and RFC 7644).</span>
          </div>
          <nav aria-label="Footer">
            <ul className="flex flex-wrap gap-x-5 gap-y-2">
              <li>
                <Link href="/admin" className="hover:text-zinc-900 hover:underline">
                  Admin console
                </Link>
              </li>
              <li>
                <a href="/api/v1/openapi.json" className="hover:text-zinc-900 hover:underline">
                  API reference
                </a>
              </li>
              <li>
                <a href="/api/health" className="hover:text-zinc-900 hover:underline">
                  Health
                </a>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
    </div>
  );
}

function StatusPanel({ health, checkedAt }: { health: Health; checkedAt: Date }) {
  const ok = health.status === "ok";
  return (
    <section
      aria-label="System status"
      className="rounded-xl border border-zinc-200 bg-white/90 p-5 shadow-sm ring-1 ring-zinc-950/5 sm:p-6"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-zinc-900">System status</h2>
        <Badge tone={ok ? "success" : "danger"} dot>
          {ok ? "All systems operational" : "Database unreachable"}
        </Badge>
      </div>

      <dl className="mt-5 divide-y divide-zinc-100 border-y border-zinc-100 text-sm">
        <div className="flex items-center justify-between gap-4 py-2.5">
          <dt className="text-zinc-600">Database</dt>
          <dd className={ok ? "font-medium text-emerald-700" : "font-medium text-red-700"}>
            {ok ? "Connected" : "Not reachable"}
          </dd>
        </div>
        <div className="flex items-center justify-between gap-4 py-2.5">
          <dt className="text-zinc-600">Checked</dt>
          <dd className="text-zinc-900 tabular-nums">
            <time dateTime={checkedAt.toISOString()}>{`${checkedAt.toISOString().slice(0, 19).replace("T", " ")} UTC`}</time>
          </dd>
        </div>
      </dl>

      <p className="mt-4 text-sm text-zinc-700">
        {ok ? `Migrations applied: ${health.migrations}` : "Migrations applied: unknown"}
      </p>

      {ok ? null : (
        <p className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-900">
          {`${health.detail.replace(/\.?$/, ".")} `}
          If you run this deployment, check that PostgreSQL is running and that DATABASE_URL points at it, then read
          the server log.
        </p>
      )}

      <p className="mt-4 text-xs text-zinc-500">
        Machine-readable:{" "}
        <a href="/api/health" className="font-medium text-brand-700 hover:underline">
          /api/health
        </a>
      </p>
    </section>
  );
}

function HowStep({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <li className="flex gap-4">
      <span
        aria-hidden="true"
        className="flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700 ring-1 ring-brand-200"
      >
        {number}
      </span>
      <div>
        <h3 className="font-semibold text-zinc-900">{title}</h3>
        <p className="mt-1 text-sm leading-relaxed text-zinc-600">{children}</p>
      </div>
    </li>
  );
}

function CardBadge({ children }: { children: ReactNode }) {
  return <p className="text-xs font-medium tracking-wide text-brand-700 uppercase">{children}</p>;
}

function CodeLine({ children }: { children: ReactNode }) {
  return (
    <code className="block rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-sm break-all text-zinc-900">
      {children}
    </code>
  );
}

function CardLink({ href, native = false, children }: { href: string; native?: boolean; children: ReactNode }) {
  const className = "inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800 hover:underline";
  const arrow = <span aria-hidden="true">→</span>;
  // Route handlers get a plain anchor: the client router would otherwise fetch them as a page first.
  return native ? (
    <a href={href} className={className}>
      {children}
      {arrow}
    </a>
  ) : (
    <Link href={href} className={className}>
      {children}
      {arrow}
    </Link>
  );
}

function Prompt() {
  return (
    <span aria-hidden="true" className="text-brand-300 select-none">
      ${" "}
    </span>
  );
}
