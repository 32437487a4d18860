import { Badge, Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import type { SignInAttempt } from "@/lib/db/generated/client";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** The latest SSO sign-in attempts, with outcome and reason: the portal's done page and the console show it. */
export function SignInLog({ attempts }: { attempts: SignInAttempt[] }) {
  return (
    <Table caption="Latest single sign-on attempts">
      <THead>
        <TR>
          <TH>Time (UTC)</TH>
          <TH>Person</TH>
          <TH>Outcome</TH>
          <TH>Reason</TH>
        </TR>
      </THead>
      <TBody>
        {attempts.length === 0 ? (
          <TableEmptyRow colSpan={4}>No sign-in yet.</TableEmptyRow>
        ) : (
          attempts.map((a) => (
            <TR key={a.id}>
              <TD>
                <time dateTime={a.createdAt.toISOString()}>{timeFormat.format(a.createdAt)}</time>
              </TD>
              <TD className="break-all">{a.email ?? a.subject ?? "—"}</TD>
              <TD>
                <Badge tone={a.status === "succeeded" ? "success" : a.status === "failed" ? "danger" : "neutral"}>
                  {a.status === "succeeded" ? (a.accountCreated ? "signed in, account created" : "signed in") : a.status === "failed" ? (a.errorCode ?? "refused") : "in progress"}
                </Badge>
                {a.test ? <span className="ml-2 text-xs text-zinc-500">test</span> : null}
              </TD>
              <TD className="text-sm text-zinc-600">{a.reason ?? ""}</TD>
            </TR>
          ))
        )}
      </TBody>
    </Table>
  );
}
