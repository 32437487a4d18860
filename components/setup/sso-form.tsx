"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, buttonClassName, Card, CardContent, CardHeader, CardTitle, CopyField, Field, Input, RadioCard, Textarea } from "@/components/ui";
import { saveOidcConnectionAction } from "@/lib/actions/portal/save-oidc-connection";
import { saveSamlConnectionAction } from "@/lib/actions/portal/save-saml-connection";
import type { SsoConnectionSummary } from "@/lib/portal/get-sso-summary";
import { upperFirst, type ProviderGuide } from "@/lib/portal/provider-guides";
import { ProviderSteps } from "./provider-steps";
import { usePortalAction } from "./use-portal-action";


export type ServiceProvider = { entityId: string; acsUrl: string; metadataUrl: string; redirectUri: string };

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function SsoForm({ guide, sp, connection }: { guide: ProviderGuide; sp: ServiceProvider; connection: SsoConnectionSummary | null }) {
  const router = useRouter();
  const [protocol, setProtocol] = useState<"saml" | "oidc">(connection?.protocol ?? guide.preferredSso);
  const [source, setSource] = useState<"xml" | "url">(connection?.samlMetadataUrl ? "url" : "xml");
  const [metadataXml, setMetadataXml] = useState("");
  const [metadataUrl, setMetadataUrl] = useState(connection?.samlMetadataUrl ?? "");
  const [issuer, setIssuer] = useState(connection?.oidcIssuer ?? "");
  const [clientId, setClientId] = useState(connection?.oidcClientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const saml = usePortalAction(saveSamlConnectionAction);
  const oidc = usePortalAction(saveOidcConnectionAction);
  const active = protocol === "saml" ? saml : oidc;
  const f = guide.fields;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const data = protocol === "saml" ? await saml.run({ source, metadataXml, metadataUrl }) : await oidc.run({ issuer, clientId, clientSecret });
    if (data) router.push(data.next);
  }

  return (
    <div className="space-y-8">
      {connection ? <SavedConnection connection={connection} /> : null}

      <fieldset>
        <legend className="text-base font-semibold text-zinc-900">Protocol</legend>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <RadioCard id="protocol-saml" name="protocol" value="saml" checked={protocol === "saml"} onChange={() => setProtocol("saml")} title="SAML 2.0" description="The most widely supported. You give us the provider's metadata." />
          <RadioCard id="protocol-oidc" name="protocol" value="oidc" checked={protocol === "oidc"} onChange={() => setProtocol("oidc")} title="OpenID Connect" description="You give us the issuer URL, a client ID and a client secret." />
        </div>
      </fieldset>

      <Card>
        <CardHeader>
          <CardTitle>Give these to {guide.name}</CardTitle>
          <p className="text-sm text-zinc-600">Copy each value into the field of the same name in {guide.console}.</p>
        </CardHeader>
        <CardContent className="space-y-2">
          {protocol === "saml" ? (
            <>
              <CopyField id="sp-acs-url" label={f.samlAcsUrl} value={sp.acsUrl} hint="Our assertion consumer service (ACS) URL." />
              <CopyField id="sp-entity-id" label={f.samlEntityId} value={sp.entityId} hint="Our entity ID." />
              <a href={sp.metadataUrl} download className={buttonClassName({ variant: "secondary", size: "sm" })}>
                Download our SP metadata (XML)
              </a>
            </>
          ) : (
            <CopyField id="sp-redirect-uri" label={f.oidcRedirectUri} value={sp.redirectUri} hint="Our redirect URI." />
          )}
        </CardContent>
      </Card>

      <ProviderSteps title={`In ${guide.name}`} steps={protocol === "saml" ? guide.samlSteps : guide.oidcSteps} />

      <form noValidate onSubmit={submit} className="space-y-6">
        <Card>
          <CardHeader>
            <CardTitle>{protocol === "saml" ? `${upperFirst(guide.name)}'s SAML metadata` : `${upperFirst(guide.name)}'s OpenID Connect details`}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-5">
            {protocol === "saml" ? (
              <>
                <fieldset>
                  <legend className="text-sm font-medium text-zinc-900">How will you give us the metadata?</legend>
                  <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
                    {(["xml", "url"] as const).map((value) => (
                      <label key={value} className="flex items-center gap-2 text-sm text-zinc-800">
                        <input type="radio" name="metadata-source" value={value} checked={source === value} onChange={() => setSource(value)} className="size-4 accent-brand-600" />
                        {value === "xml" ? "Paste the XML" : "Give its URL"}
                      </label>
                    ))}
                  </div>
                </fieldset>
                {source === "xml" ? (
                  <Field id="metadata-xml" label="Metadata XML" required error={saml.fieldErrors.metadataXml} hint={`Paste the whole file, from <?xml … (or <EntityDescriptor …) to the end. ${upperFirst(guide.name)} calls it “${f.samlMetadata}”.`}>
                    {(control) => (
                      <Textarea {...control} rows={8} spellCheck={false} value={metadataXml} onChange={(e) => setMetadataXml(e.target.value)} className="font-mono text-xs" placeholder="<EntityDescriptor …>" />
                    )}
                  </Field>
                ) : (
                  <Field id="metadata-url" label="Metadata URL" required error={saml.fieldErrors.metadataUrl} hint={`${upperFirst(guide.name)} calls it “${f.samlMetadata}”. We fetch it now and check it.`}>
                    {(control) => <Input {...control} type="url" inputMode="url" value={metadataUrl} onChange={(e) => setMetadataUrl(e.target.value)} placeholder="https://" />}
                  </Field>
                )}
              </>
            ) : (
              <>
                <Field id="oidc-issuer" label="Issuer URL" required error={oidc.fieldErrors.issuer} hint={`${f.oidcIssuer}. We read its discovery document (/.well-known/openid-configuration) to check it.`}>
                  {(control) => <Input {...control} type="url" inputMode="url" value={issuer} onChange={(e) => setIssuer(e.target.value)} placeholder="https://" />}
                </Field>
                <Field id="oidc-client-id" label={f.oidcClientId} required error={oidc.fieldErrors.clientId}>
                  {(control) => <Input {...control} value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} />}
                </Field>
                <Field
                  id="oidc-client-secret"
                  label={f.oidcClientSecret}
                  required={!connection?.hasClientSecret}
                  error={oidc.fieldErrors.clientSecret}
                  hint={connection?.hasClientSecret ? "A secret is stored. Leave this empty to keep it." : "Stored encrypted; nobody can read it back, us included."}
                >
                  {(control) => <Input {...control} type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="new-password" spellCheck={false} />}
                </Field>
              </>
            )}
            {active.formError ? <Alert tone="danger">{active.formError}</Alert> : null}
          </CardContent>
        </Card>
        <Button type="submit" size="lg" loading={active.pending}>
          Save and continue
        </Button>
      </form>
    </div>
  );
}

function SavedConnection({ connection }: { connection: SsoConnectionSummary }) {
  const expires = connection.samlCertificateExpiresAt ? new Date(connection.samlCertificateExpiresAt) : null;
  const soon = connection.samlCertificateExpiresSoon;
  return (
    <Alert tone={soon ? "warning" : "success"} title={connection.protocol === "saml" ? "A SAML connection is saved" : "An OpenID Connect connection is saved"}>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        {connection.protocol === "saml" ? (
          <>
            <dt className="font-medium">Entity ID</dt>
            <dd className="min-w-0 break-all">{connection.samlIdpEntityId}</dd>
            <dt className="font-medium">SSO URL</dt>
            <dd className="min-w-0 break-all">{connection.samlIdpSsoUrl}</dd>
            {expires ? (
              <>
                <dt className="font-medium">Certificate expires</dt>
                <dd>
                  <time dateTime={expires.toISOString()}>{dateFormat.format(expires)}</time>
                  {soon ? " — soon: upload new metadata before then, or sign-in stops." : null}
                </dd>
              </>
            ) : null}
          </>
        ) : (
          <>
            <dt className="font-medium">Issuer</dt>
            <dd className="min-w-0 break-all">{connection.oidcIssuer}</dd>
            <dt className="font-medium">Client ID</dt>
            <dd className="min-w-0 break-all">{connection.oidcClientId}</dd>
          </>
        )}
      </dl>
      <p className="mt-2">Save again below to replace it.</p>
      <p className="mt-3">
        {/* A plain link: the test leaves for the identity provider and comes back to /setup/sso/test. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a route handler that redirects to the IdP: a full navigation, not a client-side one */}
        <a href="/setup/sso/test/start" className={buttonClassName({ variant: "secondary", size: "sm" })}>
          Test single sign-on
        </a>
      </p>
    </Alert>
  );
}
