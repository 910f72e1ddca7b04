import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// Fails when prisma/schema.prisma and the database built by prisma/migrations disagree: tables, columns, types,
// nullability and indexes. The schema is read with Prisma's own parser (its WebAssembly build).

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}

const schemaText = readFileSync(path.resolve(import.meta.dirname, "../../../prisma/schema.prisma"), "utf8");
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))).datamodel as {
  models: DmmfModel[];
  indexes: DmmfIndex[];
};

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Boolean: "bool",
  DateTime: "timestamp",
  Json: "jsonb",
  Float: "float8",
  Decimal: "numeric",
  Bytes: "bytea",
};
const NATIVE_TYPES: Record<string, string> = { Uuid: "uuid", Timestamptz: "timestamptz", Text: "text" };

function expectedType(field: DmmfField): string {
  const base =
    field.kind === "enum"
      ? field.type
      : field.nativeType
        ? (NATIVE_TYPES[field.nativeType[0]] ?? field.nativeType[0].toLowerCase())
        : SCALAR_TYPES[field.type];
  return field.isList ? `_${base}` : String(base);
}

const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (model: DmmfModel, fieldName: string) => {
  const field = model.fields.find((f) => f.name === fieldName);
  return field?.dbName ?? fieldName;
};

function schemaDescription() {
  const columns = dmmf.models.flatMap((model) =>
    model.fields
      .filter((f) => f.kind !== "object")
      .map((f) => ({
        table: tableOf(model),
        column: f.dbName ?? f.name,
        type: expectedType(f),
        // Prisma creates scalar lists as nullable arrays.
        nullable: f.isList || !f.isRequired,
      })),
  );
  const indexes = dmmf.indexes.map((index) => {
    const model = dmmf.models.find((m) => m.name === index.model) as DmmfModel;
    return {
      table: tableOf(model),
      columns: index.fields.map((f) => columnOf(model, f.name)).join(","),
      unique: index.type !== "normal",
    };
  });
  return { columns, indexes };
}

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});
afterAll(() => client.end());

async function databaseDescription() {
  const columns = await client.query(`
    SELECT table_name AS table, column_name AS column, udt_name AS type, is_nullable = 'YES' AS nullable
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
  const indexes = await client.query(`
    SELECT t.relname AS table, ix.indisunique AS unique,
           string_agg(a.attname, ',' ORDER BY array_position(ix.indkey::int2[], a.attnum)) AS columns
    FROM pg_index ix
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(ix.indkey)
    WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
    GROUP BY t.relname, ix.indexrelid, ix.indisunique`);
  return { columns: columns.rows, indexes: indexes.rows };
}

const byKey = <T extends object>(rows: T[]) => [...rows].map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();

describe("prisma/schema.prisma", () => {
  it("describes exactly the tables, columns, types and nullability that the migrations create", async () => {
    const actual = await databaseDescription();
    expect(byKey(actual.columns)).toEqual(byKey(schemaDescription().columns));
  });

  it("describes exactly the indexes that the migrations create", async () => {
    const actual = await databaseDescription();
    expect(byKey(actual.indexes)).toEqual(byKey(schemaDescription().indexes));
  });
});
