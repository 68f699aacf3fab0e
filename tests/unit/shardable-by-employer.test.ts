/**
 * Shardable by employer (issue 16, docs/scale.md): every table of db/schema.ts
 * carries a NOT NULL employer_id — the column a distributed PostgreSQL (Citus)
 * splits the data by — except the installation-wide tables listed here, each
 * with the reason docs/scale.md gives. A new table must either carry the key
 * or be added to this list with a reason (and to docs/scale.md).
 */
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "../../db/schema";

/** Installation-wide tables: reference (copied to every node) or local to the coordinator. */
const INSTALLATION_WIDE: Record<string, string> = {
  employers: "the tenants themselves (distributed by id, or a reference table: docs/scale.md)",
  policies: "reference data every employer's evaluation reads",
  non_working_days: "reference data every employer's evaluation reads",
  users: "accounts: staff see several or all employers",
  sessions: "a user's sessions",
  login_attempts: "sign-in counters, per address or account",
  password_tokens: "a user's set-password links",
  audit_log: "the installation's one append-only log (its reads span employers)",
  mail_outbox: "the installation's one mail queue: a staff account's password reset concerns no employer (employer_id is there, nullable)",
};

const tables = (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable)).map((t) => getTableConfig(t));

describe("every employer-scoped table carries a NOT NULL employer_id", () => {
  it("the schema has the tables this test knows about", () => {
    const names = tables.map((t) => t.name);
    for (const name of Object.keys(INSTALLATION_WIDE)) expect(names, `${name} is listed as installation-wide but is not in db/schema.ts`).toContain(name);
    expect(names.length).toBeGreaterThanOrEqual(22);
  });

  for (const t of tables) {
    if (t.name in INSTALLATION_WIDE) continue;
    it(`${t.name}: employer_id, NOT NULL`, () => {
      const column = t.columns.find((c) => c.name === "employer_id");
      expect(column, `${t.name} has no employer_id: add one (docs/scale.md) or list the table as installation-wide with a reason`).toBeDefined();
      expect(column!.notNull, `${t.name}.employer_id may be null`).toBe(true);
    });
  }

  it("mail_outbox carries the employer where there is one (nullable only for staff password resets)", () => {
    const outbox = tables.find((t) => t.name === "mail_outbox")!;
    const column = outbox.columns.find((c) => c.name === "employer_id");
    expect(column).toBeDefined();
    expect(column!.notNull).toBe(false);
  });

  it("the employer-scoped rows that hang off an employee or a statement name it with its employer (composite foreign key)", () => {
    const composite = (table: string, parent: string) =>
      tables
        .find((t) => t.name === table)!
        .foreignKeys.map((fk) => fk.reference())
        .some(
          (r) =>
            getTableConfig(r.foreignTable).name === parent &&
            r.columns.map((c) => c.name).join(",") === `employer_id,${parent === "employees" ? "employee_id" : "statement_id"}` &&
            r.foreignColumns.map((c) => c.name).join(",") === "employer_id,id",
        );
    expect(composite("wages", "employees")).toBe(true);
    expect(composite("registrations", "employees")).toBe(true);
    expect(composite("statement_links", "statements")).toBe(true);
    expect(composite("statement_responses", "statements")).toBe(true);
  });
});
