import { RollcallMark } from "@/components/site-header";
import { formatDate } from "./portal-frame";

export type LinkProblemProps = (
  | { kind: "unknown" }
  | { kind: "expired" | "revoked"; organizationName: string; at: Date }
  | { kind: "session-ended"; reason: "unknown" | "expired" | "revoked" }
) & {
  /** Whom to ask for a new link: the organisation's contact, else the operator's SUPPORT_CONTACT (issue 15). */
  contact?: string | undefined;
};

/**
 * What an admin sees when a link or session does not work: what happened, and whom to ask. An unknown link
 * learns nothing beyond "not valid" (no organisation, no dates), so a guessed token reveals nothing.
 */
export function LinkProblem(props: LinkProblemProps) {
  const { title, body } = describe(props);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-16">
      <div className="w-full max-w-lg rounded-xl border border-zinc-200 bg-white p-6 text-center shadow-sm sm:p-10">
        <RollcallMark className="mx-auto size-10" />
        <h1 className="mt-6 text-2xl font-bold tracking-tight text-balance text-zinc-950">{title}</h1>
        <div className="mt-4 space-y-3 text-zinc-600">{body}</div>
      </div>
    </main>
  );
}

function describe(props: LinkProblemProps) {
  const ask = <AskFor contact={props.contact} />;
  switch (props.kind) {
    case "unknown":
      return {
        title: "This setup link is not valid",
        body: (
          <>
            <p>Check that you opened the whole link from your email; links are long and are sometimes cut when copied.</p>
            {ask}
          </>
        ),
      };
    case "expired":
      return {
        title: "This setup link has expired",
        body: (
          <>
            <p>
              It was issued for <strong className="font-semibold break-words text-zinc-900">{props.organizationName}</strong> and expired on{" "}
              <time dateTime={props.at.toISOString()}>{formatDate(props.at)}</time>.
            </p>
            <p>Anything you set up with it is kept.</p>
            {ask}
          </>
        ),
      };
    case "revoked":
      return {
        title: "This setup link has been revoked",
        body: (
          <>
            <p>
              It was issued for <strong className="font-semibold break-words text-zinc-900">{props.organizationName}</strong> and was revoked on{" "}
              <time dateTime={props.at.toISOString()}>{formatDate(props.at)}</time>.
            </p>
            <p>Anything you set up with it is kept.</p>
            {ask}
          </>
        ),
      };
    case "session-ended":
      return {
        title: "Your setup session has ended",
        body: (
          <>
            <p>
              {props.reason === "revoked"
                ? "The setup link that opened it has been revoked."
                : props.reason === "expired"
                  ? "Sessions end after a working day, or when the setup link expires."
                  : "This page needs a setup session, which starts when you open your setup link."}{" "}
              Open the setup link from your email again to continue where you left off.
            </p>
            {ask}
          </>
        ),
      };
  }
}

/** Names whom to ask, as a link: supportContactSchema lets only email and http(s) addresses through. */
function AskFor({ contact }: { contact: string | undefined }) {
  if (!contact) return <p>Ask your contact at the company that sent you this link for a new setup link.</p>;
  const isWeb = /^https?:\/\//i.test(contact);
  return (
    <p>
      For a new setup link, contact{" "}
      <a href={isWeb ? contact : `mailto:${contact}`} className="font-medium break-all text-brand-700 underline underline-offset-2 hover:text-brand-800" rel={isWeb ? "noopener noreferrer" : undefined}>
        {contact}
      </a>
      .
    </p>
  );
}
