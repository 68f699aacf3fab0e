/**
 * The migrated PostgreSQL schema can be placed on Citus as db/distribution.ts
 * says (issue 16, item 2: "so the schema can be distributed by employer
 * without change"). There is no Citus cluster here, so this test reads the
 * schema's catalog and applies the rules Citus itself applies when a table is
 * distributed or a constraint created (Citus's foreign_constraint.c,
 * create_distributed_table.c and its regression tests):
 *
 * - a distributed table's primary key and every unique index contain the
 *   distribution column;
 * - a foreign key between distributed tables contains the distribution column
 *   at the same position on both sides; a reference table has no foreign key
 *   to a distributed one;
 * - a foreign key whose referencing columns contain the distribution column
 *   has no ON DELETE SET NULL / SET DEFAULT and no ON UPDATE SET NULL /
 *   SET DEFAULT / CASCADE (a row never changes shard);
 * - no identity columns (Citus refuses int and smallint ones, and a table with
 *   one while it has foreign keys): ids are bigint columns with a sequence;
 * - the distribution columns have one type, that of `employers.id`.
 *
 * Runs on a real throwaway PostgreSQL cluster (the run's own when
 * SHEBAO_TEST_DB=pg, else one started here), on both test lines.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTION_COLUMN, PLACEMENT } from "../../db/distribution";
import { migratedPgDatabase } from "../helpers/pg-test-database";

interface Key {
  table: string;
  name: string;
  columns: string[];
}
interface ForeignKey extends Key {
  foreignTable: string;
  foreignColumns: string[];
  onDelete: string;
  onUpdate: string;
}

let database: Awaited<ReturnType<typeof migratedPgDatabase>> | null = null;
let client: pg.Client;
let tables: string[] = [];
let uniques: Key[] = [];
let indexes: Key[] = [];
let foreignKeys: ForeignKey[] = [];
let columns: { table: string; column: string; type: string; notNull: boolean; identity: string; default: string | null }[] = [];

beforeAll(async () => {
  database = await migratedPgDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  tables = (await client.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.t);
  // Every index with its columns in order; the unique ones (primary keys among them) apart.
  const all = (
    await client.query<Key & { unique: boolean }>(`
      SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique,
             array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace s ON s.oid = t.relnamespace
      WHERE s.nspname = 'public'`)
  ).rows;
  uniques = all.filter((x) => x.unique);
  indexes = all.filter((x) => !x.unique);
  foreignKeys = (
    await client.query<ForeignKey>(`
      SELECT t.relname AS table, c.conname AS name, f.relname AS "foreignTable",
             array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns,
             array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS "foreignColumns",
             c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate"
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
      JOIN pg_namespace s ON s.oid = t.relnamespace
      WHERE s.nspname = 'public' AND c.contype = 'f'`)
  ).rows;
  columns = (
    await client.query(`
      SELECT table_name AS table, column_name AS column, data_type AS type, is_nullable = 'NO' AS "notNull",
             is_identity AS identity, column_default AS default
      FROM information_schema.columns WHERE table_schema = 'public'`)
  ).rows;
}, 120_000);

afterAll(async () => {
  await client?.end();
  await database?.release();
});

const kind = (table: string) => PLACEMENT[table]?.kind;
const distributed = () => tables.filter((t) => kind(t) === "distributed");

describe("the PostgreSQL schema follows Citus's rules for db/distribution.ts (issue 16)", () => {
  it("every table is placed, and every placed table exists", () => {
    expect(tables.length).toBeGreaterThanOrEqual(23);
    expect(tables.filter((t) => !(t in PLACEMENT)), "tables missing from db/distribution.ts").toEqual([]);
    expect(Object.keys(PLACEMENT).filter((t) => !tables.includes(t)), "placed but not in the schema").toEqual([]);
  });

  it("every distributed table has a NOT NULL distribution column of employers.id's type", () => {
    const idType = columns.find((c) => c.table === "employers" && c.column === "id")!.type;
    expect(idType).toBe("bigint");
    for (const table of distributed()) {
      const c = columns.find((x) => x.table === table && x.column === DISTRIBUTION_COLUMN);
      expect(c, `${table}.${DISTRIBUTION_COLUMN}`).toBeDefined();
      expect(c!.notNull, `${table}.${DISTRIBUTION_COLUMN} NOT NULL`).toBe(true);
      expect(c!.type, `${table}.${DISTRIBUTION_COLUMN} type`).toBe(idType);
    }
  });

  it("a distributed table's primary key and unique indexes contain the distribution column", () => {
    const bad = uniques.filter((u) => kind(u.table) === "distributed" && !u.columns.includes(DISTRIBUTION_COLUMN));
    expect(bad.map((u) => `${u.table}.${u.name} (${u.columns.join(", ")})`)).toEqual([]);
    for (const table of distributed()) expect(uniques.some((u) => u.table === table && u.name.endsWith("_pk") || u.table === table && u.name.endsWith("_pkey")), `${table} has a primary key`).toBe(true);
  });

  it("no reference table has a foreign key to a distributed table", () => {
    const bad = foreignKeys.filter((f) => kind(f.table) === "reference" && kind(f.foreignTable) === "distributed");
    expect(bad.map((f) => `${f.table}.${f.name} → ${f.foreignTable}`)).toEqual([]);
  });

  it("a foreign key between distributed tables has the distribution column at the same position on both sides", () => {
    const bad = foreignKeys.filter((f) => {
      if (kind(f.table) !== "distributed" || kind(f.foreignTable) !== "distributed") return false;
      const i = f.columns.indexOf(DISTRIBUTION_COLUMN);
      return i === -1 || f.foreignColumns[i] !== DISTRIBUTION_COLUMN;
    });
    expect(bad.map((f) => `${f.table}.${f.name} (${f.columns.join(", ")}) → ${f.foreignTable} (${f.foreignColumns.join(", ")})`)).toEqual([]);
  });

  it("a foreign key on the distribution column never moves a row to another shard nor nulls its key", () => {
    // pg_constraint: n = SET NULL, d = SET DEFAULT, c = CASCADE.
    const bad = foreignKeys.filter(
      (f) => kind(f.table) === "distributed" && f.columns.includes(DISTRIBUTION_COLUMN) && (["n", "d"].includes(f.onDelete) || ["n", "d", "c"].includes(f.onUpdate)),
    );
    expect(bad.map((f) => `${f.table}.${f.name} ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`)).toEqual([]);
  });

  it("ids are bigint columns with a sequence, not identity columns", () => {
    const identity = columns.filter((c) => c.identity === "YES");
    expect(identity.map((c) => `${c.table}.${c.column}`)).toEqual([]);
    const sequenced = columns.filter((c) => (c.default ?? "").startsWith("nextval("));
    expect(sequenced.length).toBeGreaterThanOrEqual(15);
    expect(sequenced.filter((c) => c.type !== "bigint").map((c) => `${c.table}.${c.column} ${c.type}`)).toEqual([]);
  });

  it("a look-up by id alone still has an index led by the id, where the primary key leads with the employer", () => {
    // Not a Citus rule: on one PostgreSQL server (and within a shard) a page that opens a statement,
    // an employee or a link by its id must not scan the table.
    const led = (table: string, column: string) => uniques.concat(indexes).some((i) => i.table === table && i.columns[0] === column);
    // The primary keys that migration shardable_keys led with the employer (named `<table>_pk`).
    const scoped = uniques.filter((u) => u.name === `${u.table}_pk` && u.columns[0] === DISTRIBUTION_COLUMN && u.columns.length === 2);
    expect(scoped.length).toBe(9);
    expect(scoped.filter((k) => !led(k.table, k.columns[1]!)).map((k) => `${k.table}.${k.columns[1]}`)).toEqual([]);
  });

  it("a column that holds another table's id has that id's type", () => {
    const bad = foreignKeys.flatMap((f) =>
      f.columns.flatMap((col, i) => {
        const mine = columns.find((c) => c.table === f.table && c.column === col)!.type;
        const theirs = columns.find((c) => c.table === f.foreignTable && c.column === f.foreignColumns[i])!.type;
        return mine === theirs ? [] : [`${f.table}.${col} ${mine} → ${f.foreignTable}.${f.foreignColumns[i]} ${theirs}`];
      }),
    );
    expect(bad).toEqual([]);
  });
});
