"use client";

import { useQueryClient } from "@tanstack/react-query";
import { parse } from "csv-parse/browser/esm/sync";
import { useState } from "react";
import { Alert, Button, Card, CardContent, CardFooter, CardHeader, CardTitle, Checkbox, Field, Select } from "@/components/ui";
import { guessCsvColumn, type CsvField } from "@/lib/directory-pull/csv/csv-columns";
import { PULL_STATUS_KEY } from "./portal-sync-status";

/** The fields an admin maps, in the order the form asks for them (issue 14: email, userName, names, department, manager, groups, active). */
const MAPPED_FIELDS: Array<{ field: CsvField; label: string; hint?: string }> = [
  { field: "email", label: "Email", hint: "Required: every row needs one." },
  { field: "userName", label: "User name", hint: "Defaults to the email." },
  { field: "givenName", label: "First name" },
  { field: "familyName", label: "Last name" },
  { field: "department", label: "Department" },
  { field: "manager", label: "Manager (email)" },
  { field: "groups", label: "Groups", hint: "Several in one cell, separated by ; or |." },
  { field: "active", label: "Active", hint: "true/false, yes/no, active/inactive. Without it, everyone listed is active." },
];

type Counts = { created: number; updated: number; deactivated: number; reactivated: number; groups_created: number; groups_deleted: number; members_added: number; members_removed: number };
type Problem = { line: number; column: string; message: string };
type Preview = { row_count: number; problems: Problem[]; counts: Counts; would_hold: string | null };
type Applied = { status: "succeeded" | "failed" | "held"; message: string | null; counts: Counts | null };
type ErrorBody = { error?: { message?: string; fields?: Record<string, string> } };

/** Only the header is read in the browser, to offer the mapping; the whole file is parsed on the server as it streams. */
async function readHeader(file: File): Promise<string[]> {
  const head = await file.slice(0, 64 * 1024).text();
  const [header] = parse(head, { bom: true, to_line: 1, relax_column_count: true, skip_empty_lines: true }) as string[][];
  return (header ?? []).map((h) => h.trim()).filter(Boolean);
}

/** "12 to create, 3 to update, 2 to deactivate" before; "12 created, 3 updated, 2 deactivated" after. */
function summariseCounts(c: Counts, done = false): string {
  const say = (n: number, verb: string, past: string) => (done ? `${n} ${past}` : `${n} to ${verb}`);
  const parts = [say(c.created, "create", "created"), say(c.updated, "update", "updated"), say(c.deactivated, "deactivate", "deactivated")];
  if (c.reactivated) parts.push(say(c.reactivated, "reactivate", "reactivated"));
  if (c.groups_created || c.groups_deleted) parts.push(`groups: ${say(c.groups_created, "create", "created")}, ${say(c.groups_deleted, "delete", "deleted")}`);
  return parts.join(", ");
}

/**
 * The portal's CSV upload: choose a file, map its columns, preview what it would change, then apply. A file with
 * a bad row is listed line by line and applies nothing unless the admin chooses to skip the bad rows.
 */
export function CsvUpload() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [columns, setColumns] = useState<Partial<Record<CsvField, string>>>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [skip, setSkip] = useState(false);
  const [applied, setApplied] = useState<Applied | null>(null);
  const [pending, setPending] = useState<"preview" | "apply" | null>(null);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  async function choose(chosen: File | null) {
    setFile(chosen);
    setPreview(null);
    setApplied(null);
    setError(null);
    setSkip(false);
    if (!chosen) return;
    try {
      const found = await readHeader(chosen);
      setHeaders(found);
      setColumns(Object.fromEntries(MAPPED_FIELDS.flatMap(({ field }) => {
        const guess = guessCsvColumn(found, field);
        return guess ? [[field, guess]] : [];
      })));
      if (found.length === 0) setError({ message: "The file has no header line. Its first line must name the columns (email, first name…).", fields: { file: "No header line" } });
    } catch {
      setHeaders([]);
      setError({ message: "The file's first line could not be read as CSV. Check that it is a CSV file.", fields: { file: "Not a CSV file" } });
    }
  }

  async function send(mode: "preview" | "apply"): Promise<unknown> {
    if (!file) return null;
    const query = new URLSearchParams({ mode, file_name: file.name.slice(0, 200) });
    for (const [field, header] of Object.entries(columns)) if (header) query.set(`column_${field}`, header);
    if (mode === "apply" && skip) query.set("skip_invalid_rows", "true");
    setPending(mode);
    setError(null);
    try {
      const res = await fetch(`/setup/api/imports?${query}`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: file });
      const body = (await res.json().catch(() => null)) as (ErrorBody & Record<string, unknown>) | null;
      if (!res.ok && (res.status !== 422 || mode !== "apply")) {
        setError({ message: body?.error?.message ?? "The upload failed and nothing was changed. Try again.", fields: body?.error?.fields ?? {} });
        return null;
      }
      return body;
    } catch {
      setError({ message: "We could not reach the server, so nothing was changed. Check your connection and try again.", fields: {} });
      return null;
    } finally {
      setPending(null);
    }
  }

  async function runPreview() {
    setApplied(null);
    setSkip(false);
    const body = (await send("preview")) as Preview | null;
    setPreview(body);
  }

  async function apply() {
    const body = (await send("apply")) as Applied | null;
    if (body) {
      setApplied(body);
      setPreview(null);
      await queryClient.invalidateQueries({ queryKey: PULL_STATUS_KEY });
    }
  }

  const problems = preview?.problems ?? [];
  const columnError = (field: CsvField) => error?.fields[`column_${field}`];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Import a CSV file</CardTitle>
        <p className="text-sm text-zinc-600">
          One line per person, with a header line. Everyone in the file is created or updated; anyone we hold who is not in it is deactivated (never deleted).
        </p>
      </CardHeader>
      <CardContent className="space-y-5">
        <Field id="csv-file" label="CSV file" error={error?.fields.file}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,text/csv"
              className="block w-full text-sm text-zinc-700 file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-2 file:text-sm file:font-medium"
              onChange={(e) => void choose(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>

        {file && headers.length > 0 ? (
          <fieldset>
            <legend className="text-sm font-semibold text-zinc-900">Columns</legend>
            <p className="mt-1 text-sm text-zinc-600">Which column of the file holds each value. We chose the ones whose names we recognised.</p>
            <div className="mt-3 grid gap-4 sm:grid-cols-2">
              {MAPPED_FIELDS.map(({ field, label, hint }) => (
                <Field key={field} id={`column-${field}`} label={label} hint={hint} error={columnError(field)} required={field === "email"}>
                  {(control) => (
                    <Select
                      {...control}
                      value={columns[field] ?? ""}
                      onChange={(e) => {
                        setColumns({ ...columns, [field]: e.target.value || undefined });
                        setPreview(null);
                      }}
                    >
                      <option value="">{field === "email" ? "Choose a column" : "Not in the file"}</option>
                      {headers.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
        ) : null}

        {error && Object.keys(error.fields).length === 0 ? <Alert tone="danger">{error.message}</Alert> : null}
        {error && Object.keys(error.fields).length > 0 && !error.fields.file ? <Alert tone="danger">{error.message}</Alert> : null}

        {preview ? (
          <div className="space-y-3" data-testid="csv-preview">
            <p className="text-sm text-zinc-900">
              <strong className="font-semibold">{`${preview.row_count} ${preview.row_count === 1 ? "row" : "rows"}: `}</strong>
              {summariseCounts(preview.counts)}.
            </p>
            {preview.would_hold ? <Alert tone="warning">{preview.would_hold}</Alert> : null}
            {problems.length > 0 ? (
              <Alert tone="danger" title={`${problems.length === 1 ? "1 row is" : `${problems.length} rows are`} invalid, so nothing will be imported unless you skip ${problems.length === 1 ? "it" : "them"}`}>
                <ul className="list-disc space-y-0.5 pl-5" aria-label="Invalid rows">
                  {problems.slice(0, 50).map((p) => (
                    <li key={`${p.line}:${p.column}`}>{`Line ${p.line}, column ${p.column}: ${p.message}`}</li>
                  ))}
                </ul>
                {problems.length > 50 ? <p>{`…and ${problems.length - 50} more.`}</p> : null}
              </Alert>
            ) : null}
            {problems.length > 0 ? (
              <Checkbox id="skip-invalid-rows" checked={skip} onChange={(e) => setSkip(e.target.checked)} label={`Skip the invalid ${problems.length === 1 ? "row" : "rows"} and import the rest`} />
            ) : null}
          </div>
        ) : null}

        {applied ? (
          <Alert
            tone={applied.status === "succeeded" ? "success" : applied.status === "held" ? "warning" : "danger"}
            title={applied.status === "succeeded" ? "Imported" : applied.status === "held" ? "Held for approval" : "Nothing was imported"}
          >
            {applied.status === "succeeded" && applied.counts ? `${summariseCounts(applied.counts, true)}. The changes are in the live sync log.` : applied.message}
          </Alert>
        ) : null}
      </CardContent>
      <CardFooter className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={runPreview} loading={pending === "preview"} disabled={!file || headers.length === 0 || pending === "apply"}>
          Preview changes
        </Button>
        <Button onClick={apply} loading={pending === "apply"} disabled={!preview || (problems.length > 0 && !skip) || pending === "preview"}>
          Apply
        </Button>
      </CardFooter>
    </Card>
  );
}
