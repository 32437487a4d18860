import { DomainError } from "@/lib/domain-error";
import { fetchDocument, parseFetchableUrl } from "./fetch-document";

const FIELD = "metadataUrl";
const SUBJECT = "The metadata URL";
const MAX_REDIRECTS = 5;

/**
 * Downloads an identity provider's SAML metadata from the URL its IT admin gave. https only (loopback is
 * allowed while Rollcall itself runs on loopback), 10 seconds, 1 MB. Each redirect is checked like the
 * first URL, so a redirect cannot lead to a plain-http or local address. Errors name the field "metadataUrl".
 * `timeoutMs` is for tests.
 */
export async function fetchSamlMetadata(url: string, { timeoutMs }: { timeoutMs?: number } = {}): Promise<string> {
  let target = parseFetchableUrl(url, { field: FIELD, subject: SUBJECT });
  for (let redirects = 0; ; redirects++) {
    const res = await fetchDocument(target, {
      field: FIELD,
      subject: SUBJECT,
      timeoutMs,
      accept: "application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
    });
    if (res.status >= 300 && res.status < 400 && res.location) {
      if (redirects === MAX_REDIRECTS) throw new DomainError("INVALID_INPUT", `${SUBJECT} redirected more than ${MAX_REDIRECTS} times`, FIELD);
      let next: URL;
      try {
        next = new URL(res.location, target);
      } catch {
        throw new DomainError("INVALID_INPUT", `${SUBJECT} redirected to an address that is not a URL`, FIELD);
      }
      target = parseFetchableUrl(next.href, { field: FIELD, subject: `${SUBJECT} redirected to ${next.href}, which` });
      continue;
    }
    if (res.status !== 200) throw new DomainError("INVALID_INPUT", statusMessage(res.status, res.reason), FIELD);
    return res.body;
  }
}

function statusMessage(status: number, reason: string): string {
  const answered = `${SUBJECT} answered ${status}${reason ? ` ${reason}` : ""}`;
  if (status === 401 || status === 403) return `${answered}: the identity provider wants a sign-in for it. Download the metadata file and paste its XML instead`;
  if (status === 404 || status === 410) return `${answered}: check the URL`;
  if (status >= 500) return `${answered}: the identity provider has a problem; try again later or paste the metadata XML instead`;
  return answered;
}
