// Proves that the hand-written SQL migrations build exactly the database that prisma/schema.prisma describes:
// every model, column, type, nullability, default, enum, primary key, unique constraint, index and foreign key.
// The schema is read with Prisma's own parser (its WebAssembly build), so this test agrees with `prisma generate`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase } from "@/lib/testing/test-database";
import { migrate } from "./migrate";

type DmmfField = {
  name: string; dbName?: string | null; kind: "scalar" | "object" | "enum"; type: string; isList: boolean; isRequired: boolean;
  isId: boolean; hasDefaultValue: boolean; isUpdatedAt: boolean; nativeType?: [string, string[]] | null;
  relationFromFields?: string[]; relationToFields?: string[]; relationOnDelete?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[]; primaryKey: { fields: string[] } | null };
type DmmfIndex = { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[]; dbName?: string | null };
type Dmmf = { datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: DmmfIndex[] } };

let dmmf: Dmmf;
let client: pg.Client;

beforeAll(async () => {
  const prismaSchema = await readFile(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as Dmmf;
  const url = await createEmptyDatabase();
  await migrate(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  return (await client.query<T>(sql, params)).rows;
}

const columnName = (model: DmmfModel, field: string) => model.fields.find((f) => f.name === field)?.dbName ?? field;
const tableName = (model: DmmfModel) => model.dbName ?? model.name;

/** The Postgres type Prisma's migration engine creates for a scalar field. */
function expectedType(field: DmmfField): string {
  const native = field.nativeType?.[0];
  const args = field.nativeType?.[1] ?? [];
  let base: string;
  if (field.kind === "enum") base = field.type;
  else if (native === "Timestamptz") base = `timestamptz(${args[0] ?? 6})`;
  else if (native === "Citext") base = "citext";
  else if (native === "Uuid") base = "uuid";
  else if (native === "VarChar") base = `varchar(${args[0]})`;
  else {
    const byType: Record<string, string> = { String: "text", Int: "int4", BigInt: "int8", Boolean: "bool", DateTime: "timestamp(3)", Json: "jsonb", Float: "float8", Bytes: "bytea" };
    base = byType[field.type] ?? `unknown:${field.type}`;
  }
  return field.isList ? `${base}[]` : base;
}

describe("the migrated database matches schema.prisma", () => {
  it("has exactly the schema's tables", async () => {
    const tables = await rows<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    expect(tables.map((t) => t.table_name).sort()).toEqual(dmmf.datamodel.models.map(tableName).sort());
  });

  it("has exactly the schema's enums and values", async () => {
    const found = await rows<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    expect(Object.fromEntries(found.map((e) => [e.name, e.values]))).toEqual(Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)])));
  });

  it("has every column with its type, nullability and default, and no others", async () => {
    for (const model of dmmf.datamodel.models) {
      const raw = await rows<{ column_name: string; typname: string; raw_type: string; not_null: boolean; has_default: boolean }>(
        `SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS raw_type, a.attnotnull AS not_null, a.atthasdef AS has_default,
                CASE WHEN t.typcategory = 'A' THEN (SELECT et.typname FROM pg_type et WHERE et.oid = t.typelem) || '[]' ELSE t.typname END AS typname
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
          WHERE n.nspname = 'public' AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped`,
        [tableName(model)],
      );
      const columns = raw.map((c) => {
        // Precision and length live in the type modifier: timestamptz(3), varchar(255).
        const modifier = c.raw_type.match(/\((\d+)\)/)?.[1];
        let type = c.typname;
        if (/^timestamp/.test(type)) type = type.replace(/^(timestamptz|timestamp)/, `$1(${modifier ?? 6})`);
        if (/^varchar/.test(type)) type = type.replace(/^varchar/, `varchar(${modifier})`);
        return { column_name: c.column_name, type, not_null: c.not_null, has_default: c.has_default };
      });
      const scalars = model.fields.filter((f) => f.kind !== "object");
      const expected = scalars.map((f) => ({
        column_name: f.dbName ?? f.name,
        type: expectedType(f),
        // Prisma creates list columns without NOT NULL.
        not_null: f.isRequired && !f.isList,
        has_default: f.hasDefaultValue && !f.isUpdatedAt,
      }));
      const byName = (a: { column_name: string }, b: { column_name: string }) => a.column_name.localeCompare(b.column_name);
      expect(columns.sort(byName), `table ${tableName(model)}`).toEqual(expected.sort(byName));
    }
  });

  it("has every primary key, unique constraint and index, with Prisma's names, and no others", async () => {
    const expected: { table: string; name: string; columns: string[]; unique: boolean; primary: boolean }[] = [];
    for (const index of dmmf.datamodel.indexes) {
      const model = dmmf.datamodel.models.find((m) => m.name === index.model)!;
      const table = tableName(model);
      const columns = index.fields.map((f) => columnName(model, f.name));
      const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
      const name = index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${suffix}`);
      expected.push({ table, name, columns, unique: index.type !== "normal", primary: index.type === "id" });
    }
    const found = await rows<{ table: string; name: string; columns: string[]; unique: boolean; primary: boolean }>(
      `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
              array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations' AND ix.indexprs IS NULL`,
    );
    const key = (x: { name: string }) => x.name;
    expect(found.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
  });

  // Prisma's schema cannot describe an index on an expression; schema.prisma names each one in a comment, and these are
  // all there are, each exactly as its migration made it.
  it("has exactly the expression indexes that schema.prisma names in comments", async () => {
    const found = await rows<{ name: string; definition: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(ix.indexrelid) AS definition
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
        WHERE n.nspname = 'public' AND ix.indexprs IS NOT NULL`,
    );
    // As PostgreSQL prints it back: the five columns joined by "\n" (migration 20261207090000).
    const joined = `COALESCE(("userName")::text, ''::text) || '\n'::text) || COALESCE((email)::text, ''::text)) || '\n'::text) || COALESCE(("displayName")::text, ''::text)) || '\n'::text) || COALESCE(("givenName")::text, ''::text)) || '\n'::text) || COALESCE(("familyName")::text, ''::text)`;
    expect(found).toEqual([{
      name: "DirectoryUser_search_idx",
      definition: `CREATE INDEX "DirectoryUser_search_idx" ON public."DirectoryUser" USING gin (${"(".repeat(9)}${joined})) gin_trgm_ops)`,
    }]);
    const prismaSchema = await readFile(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    for (const index of found) expect(prismaSchema).toContain(`"${index.name}"`);
  });

  it("has every relation as a foreign key with its columns, target and ON DELETE rule", async () => {
    const expected: string[] = [];
    for (const model of dmmf.datamodel.models) {
      for (const field of model.fields) {
        if (field.kind !== "object" || !field.relationFromFields?.length) continue;
        const target = dmmf.datamodel.models.find((m) => m.name === field.type)!;
        const from = field.relationFromFields.map((f) => columnName(model, f));
        const to = field.relationToFields!.map((f) => columnName(target, f));
        const onDelete = (field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull")).toUpperCase().replace("SETNULL", "SET NULL").replace("NOACTION", "NO ACTION");
        expected.push(`${tableName(model)}(${from.join(",")}) -> ${tableName(target)}(${to.join(",")}) ON DELETE ${onDelete}`);
      }
    }
    const found = await rows<{ fk: string }>(
      `SELECT c.conrelid::regclass::text || '(' || array_to_string(array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ',') || ') -> '
              || c.confrelid::regclass::text || '(' || array_to_string(array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o), ',') || ') ON DELETE '
              || CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT' WHEN 'n' THEN 'SET NULL' WHEN 'a' THEN 'NO ACTION' WHEN 'd' THEN 'SET DEFAULT' END AS fk
         FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    expect(found.map((f) => f.fk.replace(/"/g, "")).sort()).toEqual(expected.sort());
  });
});
