/**
 * Shardable by employer (issue 16, docs/scale.md): every table of db/schema.ts
 * carries a NOT NULL employer_id — the column a distributed PostgreSQL (Citus)
 * splits the data by — except the installation-wide tables listed here, each
 * with the reason docs/scale.md gives. A new table must either carry the key
 * or be placed as a reference table in db/distribution.ts with a reason.
 */
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { PLACEMENT } from "../../db/distribution";
import * as schema from "../../db/schema";

/** Installation-wide tables: the reference tables of db/distribution.ts, each with its reason there. */
const INSTALLATION_WIDE = Object.fromEntries(Object.entries(PLACEMENT).filter(([, p]) => p.kind === "reference").map(([t, p]) => [t, p.why]));

const tables = (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable)).map((t) => getTableConfig(t));

describe("every employer-scoped table carries a NOT NULL employer_id", () => {
  it("the schema has the tables this test knows about", () => {
    const names = tables.map((t) => t.name);
    for (const name of Object.keys(PLACEMENT)) expect(names, `${name} is placed in db/distribution.ts but is not in db/schema.ts`).toContain(name);
    for (const name of names) expect(Object.keys(PLACEMENT), `${name} is not placed in db/distribution.ts`).toContain(name);
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
