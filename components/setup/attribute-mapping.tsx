import { Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import { upperFirst, type AttributeMapping as Mapping } from "@/lib/portal/provider-guides";

export function AttributeMapping({ providerName, rows }: { providerName: string; rows: Mapping[] }) {
  return (
    <section className="space-y-3">
      <h2 className="text-base font-semibold text-zinc-900">Attribute mapping</h2>
      <p className="text-sm text-zinc-600">
        What {providerName} sends by default, and what it becomes here. The defaults work; change them only if your people sign in with
        something other than their email.
      </p>
      <Table caption={`${upperFirst(providerName)} attribute mapping`} hideCaption>
        <THead>
          <TR>
            <TH>{upperFirst(providerName)} attribute</TH>
            <TH>Becomes (SCIM)</TH>
          </TR>
        </THead>
        <TBody>
          {rows.map((row) => (
            <TR key={row.scim}>
              <TD className="break-words text-zinc-900">
                {row.provider}
                {row.note ? <span className="block text-xs text-zinc-500">{row.note}</span> : null}
              </TD>
              <TD>
                <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs break-all text-zinc-800">{row.scim}</code>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
