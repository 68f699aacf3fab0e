/**
 * Migration `employer_id_everywhere` (drizzle/0010, drizzle/pg/0004; issue 16):
 * a database migrated up to the migration before it, holding rows of two
 * employers, is migrated; every wages, registrations, statement_links,
 * statement_responses and mail_outbox row gets its employer (the employee's,
 * the statement's, or for mail without a statement the user's employee's;
 * none for a staff account's password reset), and the data-version triggers
 * still bump the right employer afterwards.
 *
 * SQLite always; PostgreSQL when the suite runs on it (SHEBAO_TEST_DB=pg, the
 * run's cluster).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePgFolder } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR } from "../../db/connection";
import { createEmptyDatabase, dropDatabase } from "../helpers/pg-cluster";

const TAG = "employer_id_everywhere";

/** A copy of a migrations folder holding the migrations before `tag` only. */
function foldersBefore(folder: string, tag: string, into: string): string {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(`_${tag}`));
  expect(at, `${tag} in ${folder}`).toBeGreaterThan(0);
  mkdirSync(join(into, "meta"), { recursive: true });
  for (const e of journal.entries.slice(0, at)) cpSync(join(folder, `${e.tag}.sql`), join(into, `${e.tag}.sql`));
  writeFileSync(join(into, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return into;
}

interface Conn {
  run(sql: string, params?: unknown[]): Promise<void>;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * Employers 1 and 2; employee 11 of employer 1 and 12 of employer 2 (with an
 * account, 21); a staff account 20. Wages, registrations, statements (101 of
 * employee 11, 102 of employee 12), their links and responses, and mail:
 * statement mail, an invite to employee 12's account, a staff reset.
 */
async function oldRows(c: Conn): Promise<void> {
  await c.run("INSERT INTO employers (id, code, name, uscc, region) VALUES (1, 'E1', 'One', 'x', 'shanghai'), (2, 'E2', 'Two', 'x', 'shanghai')");
  await c.run(
    "INSERT INTO employees (id, employee_no, name, id_number, employer_id, hire_date) VALUES (11, 'N11', 'Eleven', 'id11', 1, '2025-01-01'), (12, 'N12', 'Twelve', 'id12', 2, '2025-01-01')",
  );
  await c.run("INSERT INTO users (id, email, role, password_hash) VALUES (20, 'hr@example.com', 'hr', 'h')");
  await c.run("INSERT INTO users (id, email, role, employee_id, password_hash) VALUES (21, 'twelve@example.com', 'employee', 12, 'h')");
  await c.run(
    "INSERT INTO wages (employee_id, effective_month, monthly_wage) VALUES (11, '2025-01', 800000), (11, '2025-07', 900000), (12, '2025-01', 1200000)",
  );
  await c.run("INSERT INTO registrations (employee_id, applied_on) VALUES (11, '2025-01-05'), (12, '2025-01-06')");
  await c.run(
    "INSERT INTO statements (id, employee_id, employer_id, period, version, issued_on, figures) VALUES (101, 11, 1, '2025-01', 1, '2025-02-01', '{}'), (102, 12, 2, '2025-01', 1, '2025-02-01', '{}')",
  );
  await c.run(
    "INSERT INTO mail_outbox (id, kind, dedupe_key, statement_id, user_id, address, next_attempt_at) VALUES " +
      "(201, 'statement', 'statement:101:a', 101, NULL, 'eleven@example.com', '2025-02-01T00:00:00.000Z'), " +
      "(202, 'statement', 'statement:102:b', 102, NULL, 'twelve@example.com', '2025-02-01T00:00:00.000Z'), " +
      "(203, 'invite', 'invite:21:x', NULL, 21, 'twelve@example.com', '2025-02-01T00:00:00.000Z'), " +
      "(204, 'reset', 'reset:20:1', NULL, 20, 'hr@example.com', '2025-02-01T00:00:00.000Z')",
  );
  await c.run(
    "INSERT INTO statement_links (id, token_hash, statement_id, outbox_id, expires_at) VALUES (301, 'h1', 101, 201, '2025-03-01'), (302, 'h2', 102, 202, '2025-03-01')",
  );
  await c.run(
    "INSERT INTO statement_responses (statement_id, kind, at, via) VALUES (101, 'acknowledged', '2025-02-02', 'link'), (102, 'disputed', '2025-02-03', 'portal')",
  );
}

async function checkBackfill(c: Conn): Promise<void> {
  const num = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : Number(v)])));
  expect(num(await c.all("SELECT employee_id, employer_id FROM wages ORDER BY employee_id, effective_month"))).toEqual([
    { employee_id: 11, employer_id: 1 },
    { employee_id: 11, employer_id: 1 },
    { employee_id: 12, employer_id: 2 },
  ]);
  expect(num(await c.all("SELECT employee_id, employer_id FROM registrations ORDER BY employee_id"))).toEqual([
    { employee_id: 11, employer_id: 1 },
    { employee_id: 12, employer_id: 2 },
  ]);
  expect(num(await c.all("SELECT id, employer_id FROM statement_links ORDER BY id"))).toEqual([
    { id: 301, employer_id: 1 },
    { id: 302, employer_id: 2 },
  ]);
  expect(num(await c.all("SELECT statement_id, employer_id FROM statement_responses ORDER BY statement_id"))).toEqual([
    { statement_id: 101, employer_id: 1 },
    { statement_id: 102, employer_id: 2 },
  ]);
  expect(num(await c.all("SELECT id, employer_id FROM mail_outbox ORDER BY id"))).toEqual([
    { id: 201, employer_id: 1 },
    { id: 202, employer_id: 2 },
    { id: 203, employer_id: 2 },
    { id: 204, employer_id: null },
  ]);
  // The other columns came across unchanged.
  expect(num(await c.all("SELECT monthly_wage FROM wages ORDER BY employee_id, effective_month"))).toEqual([
    { monthly_wage: 800000 },
    { monthly_wage: 900000 },
    { monthly_wage: 1200000 },
  ]);
  const idAsNumber = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, statement_id: Number(r.statement_id) }));
  expect(idAsNumber(await c.all("SELECT statement_id, kind, via FROM statement_responses ORDER BY statement_id"))).toEqual([
    { statement_id: 101, kind: "acknowledged", via: "link" },
    { statement_id: 102, kind: "disputed", via: "portal" },
  ]);
  expect(num(await c.all("SELECT id, outbox_id FROM statement_links ORDER BY id"))).toEqual([
    { id: 301, outbox_id: 201 },
    { id: 302, outbox_id: 202 },
  ]);
}

async function version(c: Conn, employerId: number): Promise<number> {
  const rows = await c.all<{ version: number }>("SELECT version FROM data_versions WHERE employer_id = ?", [employerId]);
  return Number(rows[0]?.version ?? 0);
}

/**
 * The later migration `shardable_keys` (drizzle/0012, drizzle/pg/0006) on the same rows:
 * every employee's number in the register, and new ids continue after the existing ones.
 */
async function checkShardableKeys(c: Conn): Promise<void> {
  const register = await c.all<{ employee_no: string; employee_id: number }>("SELECT employee_no, employee_id FROM employee_numbers ORDER BY employee_no");
  expect(register.map((r) => [r.employee_no, Number(r.employee_id)])).toEqual([
    ["N11", 11],
    ["N12", 12],
  ]);
  await c.run("INSERT INTO employers (code, name, uscc, region) VALUES ('E3', 'Three', 'x', 'shanghai')");
  const [row] = await c.all<{ id: number }>("SELECT id FROM employers WHERE code = 'E3'");
  expect(Number(row!.id)).toBe(3);
  await c.run("INSERT INTO statements (employee_id, employer_id, period, version, issued_on, figures) VALUES (11, 1, '2025-02', 1, '2025-03-01', '{}')");
  const [st] = await c.all<{ id: number }>("SELECT id FROM statements WHERE period = '2025-02'");
  expect(Number(st!.id)).toBe(103);
}

async function checkAfterwards(c: Conn, dialect: "sqlite" | "pg"): Promise<void> {
  // A write to wages or registrations bumps its employer, through the row's own employer_id.
  const v1 = await version(c, 1);
  const v2 = await version(c, 2);
  await c.run("INSERT INTO wages (employee_id, effective_month, monthly_wage, employer_id) VALUES (12, '2025-07', 1300000, 2)");
  expect(await version(c, 2)).toBeGreaterThan(v2);
  expect(await version(c, 1)).toBe(v1);
  await c.run("UPDATE registrations SET registered_on = '2025-01-09' WHERE employee_id = 11");
  expect(await version(c, 1)).toBeGreaterThan(v1);
  // A row cannot name another employer than its employee's (or its statement's).
  await expect(c.run("INSERT INTO wages (employee_id, effective_month, monthly_wage, employer_id) VALUES (11, '2026-01', 1, 2)")).rejects.toThrow();
  await expect(c.run("INSERT INTO statement_responses (statement_id, kind, at, via, employer_id) VALUES (101, 'acknowledged', 'x', 'link', 2)")).rejects.toThrow();
  if (dialect === "sqlite") {
    // SQLite: an employee moved by an UPDATE takes its wages and registration along (ON UPDATE CASCADE).
    await c.run("UPDATE employees SET employer_id = 2 WHERE id = 11");
    expect((await c.all<{ employer_id: number }>("SELECT DISTINCT employer_id FROM wages WHERE employee_id = 11")).map((r) => Number(r.employer_id))).toEqual([2]);
    expect((await c.all<{ employer_id: number }>("SELECT employer_id FROM registrations WHERE employee_id = 11")).map((r) => Number(r.employer_id))).toEqual([2]);
  } else {
    // PostgreSQL (since shardable_keys): a row never changes employer in place; the models move
    // an employee by delete and insert (moveEmployee, tests/integration/employee-placement.test.ts).
    await expect(c.run("UPDATE employees SET employer_id = 2 WHERE id = 11")).rejects.toThrow(/foreign key/);
  }
  // Deleting an employee still deletes its wages and registration.
  await c.run("INSERT INTO employees (id, employee_no, name, id_number, employer_id, hire_date) VALUES (13, 'N13', 'Thirteen', 'id13', 2, '2025-01-01')");
  await c.run("INSERT INTO wages (employee_id, effective_month, monthly_wage, employer_id) VALUES (13, '2025-01', 700000, 2)");
  await c.run("INSERT INTO registrations (employee_id, applied_on, employer_id) VALUES (13, '2025-01-02', 2)");
  const before = await version(c, 2);
  await c.run("DELETE FROM employees WHERE id = 13");
  expect(await c.all("SELECT * FROM wages WHERE employee_id = 13")).toEqual([]);
  expect(await c.all("SELECT * FROM registrations WHERE employee_id = 13")).toEqual([]);
  expect(await version(c, 2)).toBeGreaterThan(before);
}

describe(`migration ${TAG} on SQLite`, () => {
  let dir = "";
  let sqlite: Database.Database;
  const conn: Conn = {
    async run(sql, params = []) {
      sqlite.prepare(sql).run(...params);
    },
    async all<T>(sql: string, params: unknown[] = []) {
      return sqlite.prepare(sql).all(...params) as T[];
    },
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "shebao-migration-"));
    sqlite = new Database(":memory:");
    sqlite.pragma("foreign_keys = ON");
  });
  afterAll(() => {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("fills employer_id in existing rows, keeps the rest, and the triggers and keys hold afterwards", async () => {
    migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: foldersBefore(MIGRATIONS_DIR, TAG, dir) });
    expect(sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('wages') WHERE name = 'employer_id'").get()).toEqual({ n: 0 });
    await oldRows(conn);
    migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: MIGRATIONS_DIR });
    await checkBackfill(conn);
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    const triggers = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('wages', 'registrations') ORDER BY name").all();
    expect(triggers).toHaveLength(6);
    await checkShardableKeys(conn);
    await checkAfterwards(conn, "sqlite");
  });
});

const pgUrl = inject("pgUrl");

describe.skipIf(!pgUrl)(`migration ${TAG} on PostgreSQL (the run's cluster)`, () => {
  let dir = "";
  let url = "";
  let client: pg.Client;
  const conn: Conn = {
    async run(sql, params = []) {
      let n = 0;
      await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
    },
    async all<T>(sql: string, params: unknown[] = []) {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
    },
  };
  async function migrateTo(folder: string): Promise<void> {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await migratePgFolder(drizzlePg(pool), { migrationsFolder: folder });
    } finally {
      await pool.end();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "shebao-migration-pg-"));
    url = await createEmptyDatabase(pgUrl, `migration_employer_id_${process.pid}`);
  });
  afterAll(async () => {
    await client?.end();
    if (url) await dropDatabase(pgUrl, url);
    rmSync(dir, { recursive: true, force: true });
  });

  it("fills employer_id in existing rows, keeps the rest, and the triggers and keys hold afterwards", async () => {
    await migrateTo(foldersBefore(PG_MIGRATIONS_DIR, TAG, dir));
    client = new pg.Client({ connectionString: url });
    await client.connect();
    expect(await conn.all("SELECT column_name FROM information_schema.columns WHERE table_name = 'wages' AND column_name = 'employer_id'")).toEqual([]);
    await oldRows(conn);
    await migrateTo(PG_MIGRATIONS_DIR);
    await checkBackfill(conn);
    const nullable = await conn.all<{ t: string; n: string }>(
      "SELECT table_name AS t, is_nullable AS n FROM information_schema.columns WHERE column_name = 'employer_id' AND table_name IN ('wages', 'registrations', 'statement_links', 'statement_responses', 'mail_outbox') ORDER BY 1",
    );
    expect(nullable).toEqual([
      { t: "mail_outbox", n: "YES" },
      { t: "registrations", n: "NO" },
      { t: "statement_links", n: "NO" },
      { t: "statement_responses", n: "NO" },
      { t: "wages", n: "NO" },
    ]);
    await checkShardableKeys(conn);
    await checkAfterwards(conn, "pg");
  });
});
