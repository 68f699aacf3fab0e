/**
 * The PostgreSQL schema (db/schema.pg.ts, drizzle/pg) against the SQLite one
 * (db/schema.ts, drizzle/), and the per-employer data-version triggers on
 * both databases (issue 16).
 *
 * The PostgreSQL part runs on a real throwaway cluster: the run's one when
 * SHEBAO_TEST_DB=pg (inject("pgUrl")), else one started here. Nothing is
 * skipped: without PostgreSQL's server binaries this file fails, saying how
 * to install them.
 */
import Database from "better-sqlite3";
import { is, SQL } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as sqliteSchema from "../../db/schema";
import * as pgSchema from "../../db/schema.pg";
import {
  createDatabaseFrom,
  createTemplateDatabase,
  dropDatabase,
  startPgCluster,
  type PgCluster,
} from "../helpers/pg-cluster";
import { migratePg } from "../helpers/pg-migrate";

const SQLITE_MIGRATIONS = new URL("../../drizzle", import.meta.url).pathname;

// ---------------------------------------------------------------- (a) the two schema files

/** SQLite's and PostgreSQL's spelling of the same column default. */
const SAME_DEFAULT_SQL: Record<string, string> = {
  "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))": "iso-now",
  "to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')": "iso-now",
  "'{}'": "'{}'",
};

function sqlText(value: SQL): string {
  return value.queryChunks
    .map((chunk) => {
      const v = (chunk as { value?: unknown }).value;
      if (Array.isArray(v)) return v.join("");
      throw new Error(`a default with a parameter: ${JSON.stringify(chunk)}`);
    })
    .join("");
}

function defaultKey(column: { hasDefault: boolean; default?: unknown }): string | null {
  if (!column.hasDefault || column.default === undefined) return null;
  if (is(column.default, SQL)) {
    const text = sqlText(column.default);
    return SAME_DEFAULT_SQL[text] ?? `unknown SQL default ${text}`;
  }
  return JSON.stringify(column.default);
}

interface ColumnLike {
  name: string;
  notNull: boolean;
  primary: boolean;
  hasDefault: boolean;
  default?: unknown;
  isUnique: boolean;
  uniqueName?: string;
  autoIncrement?: boolean;
  generatedIdentity?: unknown;
  columnType?: string;
}

type TableConfigLike = {
  name: string;
  columns: ColumnLike[];
  indexes: { config: { name: string; unique: boolean; columns: unknown[] } }[];
  primaryKeys: { getName(): string; columns: { name: string }[] }[];
  uniqueConstraints: { getName(): string | undefined; columns: { name: string }[] }[];
  foreignKeys: {
    getName(): string;
    onDelete?: string;
    onUpdate?: string;
    reference(): { columns: { name: string }[]; foreignColumns: { name: string; table: unknown }[] };
  }[];
};

function tableName(table: unknown): string {
  return is(table, SQLiteTable) ? sqliteTableConfig(table).name : pgTableConfig(table as PgTable).name;
}

/** SQLite AUTOINCREMENT ↔ PostgreSQL bigserial (a bigint with a sequence). */
const generatedId = (c: ColumnLike) => c.autoIncrement === true || c.generatedIdentity !== undefined || (c.columnType ?? "").startsWith("PgBigSerial");

/** What must be the same in both schemas, in a comparable shape. */
function describeTable(config: TableConfigLike) {
  return {
    name: config.name,
    columns: config.columns
      .map((c) => ({
        name: c.name,
        notNull: c.notNull,
        primaryKey: c.primary,
        generatedId: generatedId(c),
        default: generatedId(c) ? null : defaultKey(c),
        unique: c.isUnique ? (c.uniqueName ?? "unnamed") : null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((k) => ({ name: k.getName(), columns: k.columns.map((c) => c.name) })),
    uniqueConstraints: config.uniqueConstraints.map((u) => ({ name: u.getName(), columns: u.columns.map((c) => c.name) })),
    indexes: config.indexes
      .map((i) => ({
        name: i.config.name,
        unique: i.config.unique,
        columns: i.config.columns.map((c) => (c as { name: string }).name),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return {
          name: fk.getName(),
          columns: ref.columns.map((c) => c.name),
          foreignTable: tableName(ref.foreignColumns[0]!.table),
          foreignColumns: ref.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? "no action",
          onUpdate: fk.onUpdate ?? "no action",
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const ALL_SQLITE_TABLES: SQLiteTable[] = (Object.values(sqliteSchema) as unknown[]).filter(
  (v): v is SQLiteTable => is(v, SQLiteTable),
);
const ALL_PG_TABLES: PgTable[] = (Object.values(pgSchema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));

type Described = ReturnType<typeof describeTable>;

/**
 * Where the PostgreSQL schema is spelled for a cluster that shards by employer
 * (Citus: docs/scale.md, tests/integration/citus-rules.test.ts) and SQLite's,
 * never distributed, keeps the simpler spelling:
 * - a distributed table's primary key is `(employer_id, id)` on PostgreSQL, the
 *   autoincrement `id` on SQLite (whose autoincrement needs `id` alone); beside
 *   it PostgreSQL has a plain index on `id` for look-ups by id alone, which
 *   SQLite's key already serves (`isPgOnlyIdIndex`);
 * - these foreign keys exist on SQLite only: on PostgreSQL they would point from
 *   a reference table at a distributed one, or between distributed tables
 *   without the employer (a line, statement or change-list entry stays with
 *   the employer it was made for when its employee moves); the models check them;
 * - wages and registrations follow a moved employee ON UPDATE CASCADE on SQLite;
 *   on PostgreSQL a row never changes shard, and the models move them by delete
 *   and insert on both (moveEmployee, app/models/employee.server.ts).
 */
const SQLITE_ONLY_FOREIGN_KEYS = new Set([
  "change_list_entries_employee_id_employees_id_fk",
  "declaration_lines_employee_id_employees_id_fk",
  "statements_employee_id_employees_id_fk",
  "users_employee_id_employees_id_fk",
  "mail_outbox_statement_id_statements_id_fk",
]);
const SQLITE_ONLY_ON_UPDATE_CASCADE = new Set(["wages_employee_fk", "registrations_employee_fk"]);
/** `<table>_id` (and statement_responses_statement): the look-up by id alone where the key leads with the employer. */
const isPgOnlyIdIndex = (table: string, index: { name: string; columns: string[] }, own: string) =>
  index.columns.length === 1 && index.columns[0] === own && (index.name === `${table}_id` || index.name === `${table}_statement`);

function asSqliteSpellsIt(table: Described): Described {
  const scoped = table.primaryKeys.find((k) => k.columns.length === 2 && k.columns[0] === "employer_id" && k.name === `${table.name}_pk`);
  if (!scoped) return table;
  const own = scoped.columns[1]!;
  return {
    ...table,
    columns: table.columns.map((c) => (c.name === own ? { ...c, primaryKey: true } : c)),
    primaryKeys: table.primaryKeys.filter((k) => k !== scoped),
    indexes: table.indexes.filter((i) => !isPgOnlyIdIndex(table.name, i, own)),
  };
}

function withoutSqliteOnly(table: Described): Described {
  return {
    ...table,
    foreignKeys: table.foreignKeys
      .filter((f) => !SQLITE_ONLY_FOREIGN_KEYS.has(f.name))
      .map((f) => (SQLITE_ONLY_ON_UPDATE_CASCADE.has(f.name) && f.onUpdate === "cascade" ? { ...f, onUpdate: "no action" } : f)),
  };
}

const sqliteTables = ALL_SQLITE_TABLES
  .map((t) => withoutSqliteOnly(describeTable(sqliteTableConfig(t) as unknown as TableConfigLike)))
  .sort((a, b) => a.name.localeCompare(b.name));
const pgTables = ALL_PG_TABLES
  .map((t) => asSqliteSpellsIt(describeTable(pgTableConfig(t) as unknown as TableConfigLike)))
  .sort((a, b) => a.name.localeCompare(b.name));

describe("db/schema.pg.ts mirrors db/schema.ts", () => {
  it("declares the same tables", () => {
    expect(pgTables.map((t) => t.name)).toEqual(sqliteTables.map((t) => t.name));
    expect(sqliteTables.map((t) => t.name)).toContain("data_versions");
    expect(sqliteTables.length).toBeGreaterThanOrEqual(22);
  });

  for (const table of sqliteTables) {
    it(`${table.name}: columns, keys, unique constraints, indexes, foreign keys, defaults`, () => {
      const mirror = pgTables.find((t) => t.name === table.name);
      expect(mirror).toBeDefined();
      for (const c of table.columns) expect(c.default ?? "").not.toMatch(/^unknown SQL default/);
      expect(mirror).toEqual(table);
    });
  }

  it("the differences are the ones listed, each still there (not stale)", () => {
    const rawSqlite = ALL_SQLITE_TABLES.map((t) => describeTable(sqliteTableConfig(t) as unknown as TableConfigLike));
    const sqliteFks = rawSqlite.flatMap((t) => t.foreignKeys);
    for (const name of SQLITE_ONLY_FOREIGN_KEYS) expect(sqliteFks.map((f) => f.name), name).toContain(name);
    for (const name of SQLITE_ONLY_ON_UPDATE_CASCADE) expect(sqliteFks.find((f) => f.name === name)?.onUpdate, name).toBe("cascade");
    const rawPg = ALL_PG_TABLES.map((t) => describeTable(pgTableConfig(t) as unknown as TableConfigLike));
    const scoped = rawPg.filter((t) => t.primaryKeys.some((k) => k.name === `${t.name}_pk` && k.columns[0] === "employer_id")).map((t) => t.name);
    for (const t of rawPg.filter((x) => scoped.includes(x.name))) {
      const own = t.primaryKeys.find((k) => k.name === `${t.name}_pk`)!.columns[1]!;
      expect(t.indexes.filter((i) => isPgOnlyIdIndex(t.name, i, own)), `${t.name}: its index on ${own}`).toHaveLength(1);
    }
    expect(scoped.sort()).toEqual([
      "annual_base_declarations",
      "change_list_entries",
      "collection_actions",
      "declaration_lines",
      "employees",
      "payments",
      "statement_links",
      "statement_responses",
      "statements",
    ]);
  });

  it("stores booleans as boolean, JSON as json (not jsonb), money as bigint, ids as bigint", () => {
    const pgColumns = ALL_PG_TABLES.flatMap((t) => pgTableConfig(t).columns.map((c) => ({ table: pgTableConfig(t).name, c })));
    const type = (table: string, column: string) =>
      pgColumns.find((x) => x.table === table && x.c.name === column)!.c.getSQLType();
    expect(type("statements", "recorded_later")).toBe("boolean");
    expect(type("statements", "figures")).toBe("json");
    expect(type("policies", "rates")).toBe("json");
    expect(type("audit_log", "before")).toBe("json");
    expect(type("payments", "amount")).toBe("bigint");
    expect(type("wages", "monthly_wage")).toBe("bigint");
    expect(type("employees", "id")).toBe("bigserial");
    expect(type("employees", "employer_id")).toBe("bigint");
    expect(type("data_versions", "version")).toBe("bigint");
    // Every sqlite json column is json on PostgreSQL, every boolean boolean.
    for (const t of ALL_SQLITE_TABLES) {
      const config = sqliteTableConfig(t);
      for (const c of config.columns) {
        if (c.columnType === "SQLiteTextJson") expect(type(config.name, c.name), `${config.name}.${c.name}`).toBe("json");
        if (c.columnType === "SQLiteBoolean") expect(type(config.name, c.name), `${config.name}.${c.name}`).toBe("boolean");
        if (c.columnType === "SQLiteText") expect(type(config.name, c.name), `${config.name}.${c.name}`).toBe("text");
        if (c.columnType === "SQLiteInteger")
          expect(["bigserial", "bigint"], `${config.name}.${c.name}`).toContain(type(config.name, c.name));
      }
    }
  });
});

// ---------------------------------------------------------------- the two databases behind one small interface

interface Conn {
  dialect: "sqlite" | "pg";
  /** `?` placeholders on both. */
  run(sql: string, params?: unknown[]): Promise<void>;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** int8 as a JS number and json as its text, as the app's PostgreSQL connection reads them. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 114 || oid === 3802) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as "text");
  }) as typeof pg.types.getTypeParser,
};

async function openPg(url: string): Promise<Conn> {
  const client = new pg.Client({ connectionString: url, types: pgTypes });
  await client.connect();
  return {
    dialect: "pg",
    async run(sql, params = []) {
      await client.query(toPgPlaceholders(sql), params);
    },
    async all<T>(sql: string, params: unknown[] = []) {
      return (await client.query(toPgPlaceholders(sql), params)).rows as T[];
    },
    close: () => client.end(),
  };
}

function openSqlite(): Conn {
  const sqlite = new Database(":memory:");
  sqlite.pragma("foreign_keys = ON");
  migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: SQLITE_MIGRATIONS });
  return {
    dialect: "sqlite",
    async run(sql, params = []) {
      sqlite.prepare(sql).run(...params);
    },
    async all<T>(sql: string, params: unknown[] = []) {
      return sqlite.prepare(sql).all(...params) as T[];
    },
    async close() {
      sqlite.close();
    },
  };
}

function byFirstTwo(a: unknown[], b: unknown[]): number {
  const ka = `${String(a[0])}\0${String(a[1])}`;
  const kb = `${String(b[0])}\0${String(b[1])}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// ---------------------------------------------------------------- fixtures shared by both databases

/** Employers 1, 2, 3; employees 11 and 13 of employer 1, 12 of employer 2, 14 of employer 3. */
async function seed(conn: Conn): Promise<void> {
  for (const id of [1, 2, 3]) {
    await conn.run("INSERT INTO employers (id, code, name, uscc, region) VALUES (?, ?, ?, ?, ?)", [
      id,
      `E${id}`,
      `Employer ${id}`,
      `91310000MA1K${id}`,
      "shanghai",
    ]);
  }
  for (const [id, employer] of [
    [11, 1],
    [12, 2],
    [13, 1],
    [14, 3],
  ] as const) {
    await conn.run(
      "INSERT INTO employees (id, employee_no, name, id_number, employer_id, hire_date) VALUES (?, ?, ?, ?, ?, ?)",
      [id, `N${id}`, `Employee ${id}`, `11010119900101${id}00`, employer, "2025-01-01"],
    );
  }
}

/** Each employer's counters summed: `version`, and `money_version` for payments and collection actions (migration money_versions). */
async function versions(conn: Conn): Promise<Map<number, number>> {
  const rows = await conn.all<{ employer_id: number; version: number }>(
    "SELECT employer_id, version + money_version AS version FROM data_versions ORDER BY employer_id",
  );
  return new Map(rows.map((r) => [Number(r.employer_id), Number(r.version)]));
}

/** The employers whose version `write` changed, with by how much. */
async function bumps(conn: Conn, write: () => Promise<void>): Promise<Record<number, number>> {
  const before = await versions(conn);
  await write();
  const after = await versions(conn);
  const changed: Record<number, number> = {};
  for (const [id, v] of after) {
    const delta = v - (before.get(id) ?? 0);
    if (delta !== 0) changed[id] = delta;
  }
  for (const id of before.keys()) if (!after.has(id)) changed[id] = Number.NaN;
  return changed;
}

/** The employers bumped, sorted (each bump ≥ 1). */
async function bumped(conn: Conn, write: () => Promise<void>): Promise<number[]> {
  const changed = await bumps(conn, write);
  for (const delta of Object.values(changed)) expect(delta).toBeGreaterThanOrEqual(1);
  return Object.keys(changed)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Tables with an employer_id column: how to insert a row of employer `er`, employee `ee`. */
const BY_EMPLOYER_ID: Record<string, (id: number, er: number, ee: number) => [string, unknown[]]> = {
  declaration_lines: (id, er, ee) => [
    "INSERT INTO declaration_lines (id, employer_id, period, employee_id, declared_base, declared_on) VALUES (?, ?, ?, ?, ?, ?)",
    [id, er, "2026-01", ee, 800_000, `2026-01-${String(id % 28 + 1).padStart(2, "0")}`],
  ],
  payments: (id, er) => [
    "INSERT INTO payments (id, employer_id, period, paid_on, amount, reference) VALUES (?, ?, ?, ?, ?, ?)",
    [id, er, "2026-01", "2026-02-10", 3_000_000_000, `ref-${id}`],
  ],
  collection_actions: (id, er) => [
    "INSERT INTO collection_actions (id, employer_id, kind, action_date, periods) VALUES (?, ?, ?, ?, ?)",
    [id, er, "order", "2026-03-01", "2026-01"],
  ],
  statements: (id, er, ee) => [
    "INSERT INTO statements (id, employee_id, employer_id, period, version, issued_on, figures) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [id, ee, er, "2026-01", id, "2026-02-01", JSON.stringify({ b: 1, a: 2 })],
  ],
  annual_base_declarations: (id, er, ee) => [
    "INSERT INTO annual_base_declarations (id, employer_id, year_start, declared_on, lines) VALUES (?, ?, ?, ?, ?)",
    [id, er, "2026-07", "2026-06-20", JSON.stringify([{ employeeId: ee, basis: 900_000 }])],
  ],
  change_list_entries: (id, er, ee) => [
    "INSERT INTO change_list_entries (id, employer_id, period, employee_id, kind, state) VALUES (?, ?, ?, ?, ?, ?)",
    [id, er, `2026-${String(id % 12 + 1).padStart(2, "0")}`, ee, "addition", "submitted"],
  ],
};

// ---------------------------------------------------------------- the trigger behaviour, on either database

function triggerTests(open: () => Promise<Conn>): void {
  let conn: Conn;
  beforeAll(async () => {
    conn = await open();
    await seed(conn);
  });
  afterAll(async () => {
    await conn.close();
  });

  it("seeding bumped each employer (employers and employees)", async () => {
    const v = await versions(conn);
    expect([...v.keys()]).toEqual([1, 2, 3]);
  });

  it("employers: insert, update, delete bump that employer only", async () => {
    expect(
      await bumped(conn, () =>
        conn.run("INSERT INTO employers (id, code, name, uscc, region) VALUES (9, 'E9', 'Nine', 'x', 'beijing')"),
      ),
    ).toEqual([9]);
    expect(await bumped(conn, () => conn.run("UPDATE employers SET name = 'Nine Ltd' WHERE id = 9"))).toEqual([9]);
    expect(await bumped(conn, () => conn.run("UPDATE employers SET tracking_from = '2026-01' WHERE id = 2"))).toEqual([2]);
    expect(await bumped(conn, () => conn.run("DELETE FROM employers WHERE id = 9"))).toEqual([9]);
  });

  it("employees: insert, update, delete bump their employer; a move bumps both", async () => {
    expect(
      await bumped(conn, () =>
        conn.run(
          "INSERT INTO employees (id, employee_no, name, id_number, employer_id, hire_date) VALUES (20, 'N20', 'E20', 'x', 2, '2026-01-01')",
        ),
      ),
    ).toEqual([2]);
    expect(await bumped(conn, () => conn.run("UPDATE employees SET department = 'R&D' WHERE id = 20"))).toEqual([2]);
    expect(await bumped(conn, () => conn.run("UPDATE employees SET employer_id = 3 WHERE id = 20"))).toEqual([2, 3]);
    expect(await bumped(conn, () => conn.run("DELETE FROM employees WHERE id = 20"))).toEqual([3]);
  });

  it("wages and registrations: the row's employer_id (its employee's); moving the employee moves them and bumps both", async () => {
    expect(
      await bumped(conn, () =>
        conn.run("INSERT INTO wages (employee_id, effective_month, monthly_wage, employer_id) VALUES (12, '2026-01', 1200000, 2)"),
      ),
    ).toEqual([2]);
    expect(await bumped(conn, () => conn.run("UPDATE wages SET monthly_wage = 1300000 WHERE employee_id = 12"))).toEqual([2]);
    // Not another employer than its employee's (the composite foreign key).
    await expect(conn.run("UPDATE wages SET employee_id = 14 WHERE employee_id = 12")).rejects.toThrow();
    await expect(
      conn.run("INSERT INTO wages (employee_id, effective_month, monthly_wage, employer_id) VALUES (12, '2026-02', 1, 3)"),
    ).rejects.toThrow();
    expect(
      await bumped(conn, () => conn.run("INSERT INTO registrations (employee_id, applied_on, employer_id) VALUES (12, '2026-01-05', 2)")),
    ).toEqual([2]);
    if (conn.dialect === "pg") {
      // A row never changes shard (Citus): an employee with wages is not moved by an UPDATE
      // (ON UPDATE NO ACTION); the models move one by delete and insert (moveEmployee).
      await expect(conn.run("UPDATE employees SET employer_id = 3 WHERE id = 12")).rejects.toThrow(/foreign key/);
    } else {
      // SQLite: its wages and registration follow (ON UPDATE CASCADE).
      expect(await bumped(conn, () => conn.run("UPDATE employees SET employer_id = 3 WHERE id = 12"))).toEqual([2, 3]);
      expect(await conn.all("SELECT employer_id FROM wages WHERE employee_id = 12")).toEqual([{ employer_id: 3 }]);
      expect(await conn.all("SELECT employer_id FROM registrations WHERE employee_id = 12")).toEqual([{ employer_id: 3 }]);
      expect(await bumped(conn, () => conn.run("UPDATE employees SET employer_id = 2 WHERE id = 12"))).toEqual([2, 3]);
    }
    expect(await bumped(conn, () => conn.run("DELETE FROM wages WHERE employee_id = 12"))).toEqual([2]);

    expect(
      await bumped(conn, () => conn.run("INSERT INTO registrations (employee_id, applied_on, employer_id) VALUES (11, '2026-01-05', 1)")),
    ).toEqual([1]);
    expect(
      await bumped(conn, () => conn.run("UPDATE registrations SET registered_on = '2026-01-09' WHERE employee_id = 11")),
    ).toEqual([1]);
    expect(await bumped(conn, () => conn.run("DELETE FROM registrations WHERE employee_id IN (11, 12)"))).toEqual([1, 2]);
  });

  for (const [table, insert] of Object.entries(BY_EMPLOYER_ID)) {
    it(`${table}: insert, update, delete bump the row's employer; a move bumps both`, async () => {
      const [sql, params] = insert(100, 2, 12);
      expect(await bumped(conn, () => conn.run(sql, params))).toEqual([2]);
      expect(await bumped(conn, () => conn.run(`UPDATE ${table} SET created_at = created_at WHERE id = 100`))).toEqual([2]);
      expect(await bumped(conn, () => conn.run(`UPDATE ${table} SET employer_id = 1 WHERE id = 100`))).toEqual([1, 2]);
      expect(await bumped(conn, () => conn.run(`DELETE FROM ${table} WHERE id = 100`))).toEqual([1]);
    });
  }

  it("policies and non_working_days bump employer 0 (the reference data) only", async () => {
    expect(
      await bumped(conn, () =>
        conn.run(
          "INSERT INTO policies (id, region, effective_from, base_floor, base_cap, rates, due_day) VALUES (1, 'shanghai', '2026-01', 700000, 3600000, ?, '15')",
          [JSON.stringify({ pension: [] })],
        ),
      ),
    ).toEqual([0]);
    expect(await bumped(conn, () => conn.run("UPDATE policies SET due_day = 'last' WHERE id = 1"))).toEqual([0]);
    expect(await bumped(conn, () => conn.run("DELETE FROM policies WHERE id = 1"))).toEqual([0]);
    expect(
      await bumped(conn, () =>
        conn.run("INSERT INTO non_working_days (region, date) VALUES ('shanghai', '2026-10-01'), ('shanghai', '2026-10-02')"),
      ),
    ).toEqual([0]);
    expect(await bumped(conn, () => conn.run("DELETE FROM non_working_days WHERE region = 'shanghai'"))).toEqual([0]);
  });

  it("a write that touches no row bumps nothing; tables outside the evaluation bump nothing", async () => {
    expect(await bumped(conn, () => conn.run("UPDATE employees SET name = 'x' WHERE id = 999"))).toEqual([]);
    expect(await bumped(conn, () => conn.run("DELETE FROM payments WHERE id = 999"))).toEqual([]);
    expect(
      await bumped(conn, () =>
        conn.run("INSERT INTO login_attempts (key, at) VALUES ('account:a@b.c', '2026-01-01T00:00:00.000Z')"),
      ),
    ).toEqual([]);
    expect(
      await bumped(conn, () =>
        conn.run(
          "INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-01-01T00:00:00.000Z', 'cli', 'test', 'x')",
        ),
      ),
    ).toEqual([]);
  });

  it("a multi-row write bumps exactly the employers of its rows (on PostgreSQL once per statement)", async () => {
    const changed = await bumps(conn, () =>
      conn.run(
        "INSERT INTO payments (employer_id, period, paid_on, amount, reference) VALUES (1, '2026-02', '2026-03-01', 1, 'm1'), (1, '2026-02', '2026-03-01', 2, 'm2'), (1, '2026-02', '2026-03-01', 3, 'm3'), (3, '2026-02', '2026-03-01', 4, 'm4')",
      ),
    );
    if (conn.dialect === "pg") expect(changed).toEqual({ 1: 1, 3: 1 });
    else expect(changed).toEqual({ 1: 3, 3: 1 });
    const moved = await bumps(conn, () => conn.run("UPDATE payments SET employer_id = 2 WHERE reference IN ('m1', 'm2', 'm4')"));
    if (conn.dialect === "pg") expect(moved).toEqual({ 1: 1, 2: 1, 3: 1 });
    else expect(Object.keys(moved).sort()).toEqual(["1", "2", "3"]);
    expect(await bumped(conn, () => conn.run("DELETE FROM payments WHERE reference LIKE 'm%'"))).toEqual([1, 2]);
  });

  it("ON DELETE CASCADE still works: deleting an employee deletes its wages and registration, and bumps its employer only", async () => {
    await conn.run(
      "INSERT INTO employees (id, employee_no, name, id_number, employer_id, hire_date) VALUES (30, 'N30', 'E30', 'x', 3, '2026-01-01')",
    );
    await conn.run(
      "INSERT INTO wages (employee_id, effective_month, monthly_wage, employer_id) VALUES (30, '2026-01', 1000000, 3), (30, '2026-02', 1100000, 3)",
    );
    await conn.run("INSERT INTO registrations (employee_id, applied_on, employer_id) VALUES (30, '2026-01-03', 3)");
    expect(await bumped(conn, () => conn.run("DELETE FROM employees WHERE id = 30"))).toEqual([3]);
    expect(await conn.all("SELECT * FROM wages WHERE employee_id = 30")).toEqual([]);
    expect(await conn.all("SELECT * FROM registrations WHERE employee_id = 30")).toEqual([]);
  });

  it("ON DELETE CASCADE from employers (user_employers) still works and bumps the employer", async () => {
    await conn.run("INSERT INTO employers (id, code, name, uscc, region) VALUES (40, 'E40', 'Forty', 'x', 'beijing')");
    await conn.run("INSERT INTO users (id, email, role, password_hash) VALUES (40, 'hr40@example.com', 'hr', 'h')");
    await conn.run("INSERT INTO user_employers (user_id, employer_id) VALUES (40, 40)");
    expect(await bumped(conn, () => conn.run("DELETE FROM employers WHERE id = 40"))).toEqual([40]);
    expect(await conn.all("SELECT * FROM user_employers WHERE employer_id = 40")).toEqual([]);
  });

  it("a rolled-back write leaves the versions as they were", async () => {
    const before = await versions(conn);
    await conn.run("BEGIN");
    await conn.run("UPDATE employees SET name = 'rolled back' WHERE id = 11");
    expect((await versions(conn)).get(1)).toBe((before.get(1) ?? 0) + 1);
    await conn.run("ROLLBACK");
    expect(await versions(conn)).toEqual(before);
  });
}

// ---------------------------------------------------------------- the same default results, the timestamp format

/** Every table in dependency order, with its required columns only: the rest are defaults. */
async function insertRequiredOnly(conn: Conn): Promise<void> {
  const order = [
    "employers",
    "policies",
    "non_working_days",
    "employees",
    "employee_numbers",
    "wages",
    "registrations",
    "declaration_lines",
    "payments",
    "collection_actions",
    "statements",
    "users",
    "user_employers",
    "sessions",
    "login_attempts",
    "audit_log",
    "annual_base_declarations",
    "change_list_entries",
    "mail_outbox",
    "statement_links",
    "statement_responses",
    "password_tokens",
    "data_versions",
  ];
  const tables = ALL_SQLITE_TABLES;
  expect(order.slice().sort()).toEqual(tables.map((t) => sqliteTableConfig(t).name).sort());
  for (const name of order) {
    const config = sqliteTableConfig(tables.find((t) => sqliteTableConfig(t).name === name)!);
    const required = config.columns.filter(
      (c) => (c.notNull && !c.hasDefault) || (c.primary && (c as { autoIncrement?: boolean }).autoIncrement !== true),
    );
    const values = required.map((c) => {
      if (c.columnType === "SQLiteTextJson") return "{}";
      if (c.columnType === "SQLiteInteger") return 1;
      return `${name}.${c.name}`;
    });
    if (name === "data_versions") continue; // written by the triggers above
    const columns = required.map((c) => `"${c.name}"`).join(", ");
    const marks = required.map(() => "?").join(", ");
    await conn.run(`INSERT INTO "${name}" (${columns}) VALUES (${marks})`, values);
  }
}

async function dumpAll(conn: Conn): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of ALL_SQLITE_TABLES) {
    const config = sqliteTableConfig(t);
    const rows = await conn.all(`SELECT * FROM "${config.name}"`);
    const defaultedCreatedAt = config.columns.some((c) => c.name === "created_at" && c.hasDefault);
    out[config.name] = rows.map((row) => {
      const normalized: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) {
        if (key === "created_at" && defaultedCreatedAt) {
          expect(value, `${config.name}.created_at`).toMatch(ISO_TIMESTAMP);
          expect(new Date(value as string).toISOString()).toBe(value);
          expect(Math.abs(Date.now() - Date.parse(value as string))).toBeLessThan(10 * 60_000);
          normalized[key] = "<iso now>";
        } else {
          normalized[key] = typeof value === "boolean" ? Number(value) : value;
        }
      }
      return normalized;
    });
  }
  return out;
}

// ---------------------------------------------------------------- PostgreSQL

describe("PostgreSQL (a real throwaway cluster)", () => {
  let cluster: PgCluster | null = null;
  let url = "";
  let template = "";

  beforeAll(async () => {
    url = inject("pgUrl");
    template = inject("pgTemplate");
    if (!url) {
      cluster = await startPgCluster();
      url = cluster.url;
    }
    if (!template) template = await createTemplateDatabase(url, migratePg);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  async function freshDatabase(): Promise<Conn> {
    const dbUrl = await createDatabaseFrom(url, template);
    const conn = await openPg(dbUrl);
    return {
      ...conn,
      async close() {
        await conn.close();
        await dropDatabase(url, dbUrl);
      },
    };
  }

  it("the migrations applied: every table of the schema, the ids' sequences, the trigger functions", async () => {
    const conn = await freshDatabase();
    try {
      const tables = await conn.all<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '__drizzle_migrations' ORDER BY table_name",
      );
      expect(tables.map((t) => t.table_name)).toEqual(pgTables.map((t) => t.name));
      const id = await conn.all<{ is_identity: string; data_type: string; column_default: string }>(
        "SELECT is_identity, data_type, column_default FROM information_schema.columns WHERE table_name = 'employers' AND column_name = 'id'",
      );
      expect(id).toEqual([{ is_identity: "NO", data_type: "bigint", column_default: "nextval('employers_id_seq'::regclass)" }]);
      const triggers = await conn.all<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_trigger WHERE tgname LIKE '%\\_data\\_version\\_%' AND NOT tgisinternal",
      );
      expect(triggers[0]!.n).toBe(12 * 3);
    } finally {
      await conn.close();
    }
  });

  it("the migrated PostgreSQL and SQLite databases have the same columns, nullability, defaults and indexes", async () => {
    const conn = await freshDatabase();
    const lite = openSqlite();
    try {
      const pgColumns = await conn.all<{ t: string; c: string; not_null: boolean; has_default: boolean }>(
        `SELECT table_name AS t, column_name AS c, is_nullable = 'NO' AS not_null,
                (column_default IS NOT NULL OR is_identity = 'YES') AS has_default
           FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name <> '__drizzle_migrations'
          ORDER BY 1, 2`,
      );
      const liteColumns = await lite.all<{ t: string; c: string; not_null: number; has_default: number }>(
        `SELECT m.name AS t, p.name AS c, (p."notnull" = 1 OR p.pk = 1) AS not_null,
                (p.dflt_value IS NOT NULL OR (p.pk = 1 AND upper(p.type) = 'INTEGER' AND
                  (SELECT count(*) FROM pragma_table_info(m.name) WHERE pk > 0) = 1 AND
                  m.sql LIKE '%AUTOINCREMENT%')) AS has_default
           FROM sqlite_master m, pragma_table_info(m.name) p
          WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name <> '__drizzle_migrations'
          ORDER BY 1, 2`,
      );
      expect(pgColumns.map((r) => [r.t, r.c, r.not_null, r.has_default]).sort(byFirstTwo)).toEqual(
        liteColumns.map((r) => [r.t, r.c, r.not_null === 1, r.has_default === 1]).sort(byFirstTwo),
      );
      expect(pgColumns.length).toBeGreaterThan(150);

      const pgIndexes = await conn.all<{ name: string; t: string; is_unique: boolean; columns: string }>(
        `SELECT i.relname AS name, t.relname AS t, x.indisunique AS is_unique,
                (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = 'public' AND NOT x.indisprimary AND t.relname <> '__drizzle_migrations'
          ORDER BY 1`,
      );
      const liteIndexes = await lite.all<{ name: string; t: string; is_unique: number; columns: string }>(
        `SELECT l.name AS name, m.name AS t, l."unique" AS is_unique,
                (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)) AS columns
           FROM sqlite_master m, pragma_index_list(m.name) l
          WHERE m.type = 'table' AND l.origin <> 'pk' AND m.name <> '__drizzle_migrations'
          ORDER BY 1`,
      );
      // PostgreSQL's look-ups by id alone (isPgOnlyIdIndex above): SQLite's primary key serves them.
      const pgOnly = pgIndexes.filter(
        (r) => !r.is_unique && ((r.name === `${r.t}_id` && r.columns === "id") || (r.name === "statement_responses_statement" && r.columns === "statement_id")),
      );
      expect(pgOnly).toHaveLength(9);
      expect(pgIndexes.filter((r) => !pgOnly.includes(r)).map((r) => [r.name, r.t, r.is_unique, r.columns]).sort(byFirstTwo)).toEqual(
        liteIndexes.map((r) => [r.name, r.t, r.is_unique === 1, r.columns]).sort(byFirstTwo),
      );
      expect(pgIndexes.length).toBeGreaterThan(20);
    } finally {
      await conn.close();
      await lite.close();
    }
  });

  it("the audit log refuses UPDATE, DELETE and TRUNCATE", async () => {
    const conn = await freshDatabase();
    try {
      await conn.run(
        "INSERT INTO audit_log (at, actor, action, entity, after) VALUES ('2026-01-01T00:00:00.000Z', 'cli', 'create', 'employer', ?)",
        [JSON.stringify({ z: 1, a: 2 })],
      );
      await expect(conn.run("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(/append-only/);
      await expect(conn.run("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
      await expect(conn.run("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
      const rows = await conn.all<{ actor: string; after: string }>("SELECT actor, after FROM audit_log");
      // json, not jsonb: the key order is kept.
      expect(rows).toEqual([{ actor: "cli", after: '{"z":1,"a":2}' }]);
    } finally {
      await conn.close();
    }
  });

  it("explicit ids stay insertable; money above 2^31 fen fits", async () => {
    const conn = await freshDatabase();
    try {
      await conn.run("INSERT INTO employers (id, code, name, uscc, region) VALUES (77, 'E77', 'x', 'x', 'x')");
      await conn.run(
        "INSERT INTO payments (employer_id, period, paid_on, amount, reference) VALUES (77, '2026-01', '2026-02-01', ?, 'big')",
        [2 ** 31 + 12_345],
      );
      expect(await conn.all("SELECT employer_id, amount FROM payments")).toEqual([
        { employer_id: 77, amount: 2 ** 31 + 12_345 },
      ]);
    } finally {
      await conn.close();
    }
  });

  it("the defaults give the same values as on SQLite, and created_at has SQLite's format", async () => {
    const conn = await freshDatabase();
    const lite = openSqlite();
    try {
      // A session in Beijing time: created_at must still be UTC.
      await conn.run("SET TIME ZONE 'Asia/Shanghai'");
      await insertRequiredOnly(conn);
      await insertRequiredOnly(lite);
      const [pgRows, liteRows] = [await dumpAll(conn), await dumpAll(lite)];
      expect(pgRows).toEqual(liteRows);
      expect(pgRows.policies![0]).toMatchObject({ rounding_unit: "fen", late_fee_ppm_per_day: 500, insurance_bounds: "{}" });
      expect(pgRows.statements![0]).toMatchObject({ recorded_later: 0, reason: "" });
    } finally {
      await conn.close();
      await lite.close();
    }
  });

  it("a 50,000-row insert bumps each employer once", async () => {
    const conn = await freshDatabase();
    try {
      await seed(conn);
      const changed = await bumps(conn, () =>
        conn.run(
          "INSERT INTO payments (employer_id, period, paid_on, amount, reference) SELECT 1 + (g % 2), '2026-01', '2026-02-01', g, 'r' || g FROM generate_series(1, 50000) g",
        ),
      );
      expect(changed).toEqual({ 1: 1, 2: 1 });
    } finally {
      await conn.close();
    }
  });

  it("two connections writing for the same employer: both bumps count, each visible to the other after commit", async () => {
    const dbUrl = await createDatabaseFrom(url, template);
    const a = await openPg(dbUrl);
    const b = await openPg(dbUrl);
    const reader = await openPg(dbUrl);
    try {
      await seed(a);
      const before = (await versions(reader)).get(1)!;
      await a.run("BEGIN");
      await b.run("BEGIN");
      await a.run("INSERT INTO payments (employer_id, period, paid_on, amount, reference) VALUES (1, '2026-01', '2026-02-01', 1, 'a')");
      // b's bump waits for a's row lock on data_versions (until a commits), then adds to a's version.
      const bWrite = b.run("INSERT INTO payments (employer_id, period, paid_on, amount, reference) VALUES (1, '2026-01', '2026-02-01', 2, 'b')");
      expect((await versions(reader)).get(1)).toBe(before); // nothing committed yet
      await a.run("COMMIT");
      expect((await versions(reader)).get(1)).toBe(before + 1); // a's commit, visible to every connection
      await bWrite;
      await b.run("COMMIT");
      expect((await versions(reader)).get(1)).toBe(before + 2); // b's bump added to a's, none lost
    } finally {
      await a.close();
      await b.close();
      await reader.close();
      await dropDatabase(url, dbUrl);
    }
  });

  it("uses the run's cluster and template exactly when SHEBAO_TEST_DB=pg (tests/helpers/pg-global-setup.ts)", () => {
    const shared = process.env.SHEBAO_TEST_DB === "pg";
    expect(inject("pgUrl") !== "").toBe(shared);
    expect(inject("pgTemplate") !== "").toBe(shared);
    expect(cluster === null).toBe(shared);
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  });

  it("a fresh database from the template takes well under a second", async () => {
    const started = performance.now();
    const dbUrl = await createDatabaseFrom(url, template);
    const elapsed = performance.now() - started;
    await dropDatabase(url, dbUrl);
    expect(elapsed).toBeLessThan(1000);
  });

  describe("the data-version triggers", () => {
    triggerTests(freshDatabase);
  });
});

// ---------------------------------------------------------------- SQLite

describe("SQLite: the data-version triggers", () => {
  triggerTests(async () => openSqlite());
});

describe("SQLite: the audit log stays append-only", () => {
  it("refuses UPDATE and DELETE", async () => {
    const lite = openSqlite();
    try {
      await lite.run("INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-01-01T00:00:00.000Z', 'cli', 'x', 'y')");
      await expect(lite.run("UPDATE audit_log SET actor = 'z'")).rejects.toThrow(/append-only/);
      await expect(lite.run("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    } finally {
      await lite.close();
    }
  });
});
