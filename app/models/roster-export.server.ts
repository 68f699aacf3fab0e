/**
 * The roster with full identity numbers (issue 18): for HR and admin only, an
 * explicit choice, recorded in the audit log before a row is read, because
 * matching against the agency's and the tax bureau's lists needs them. Every
 * other export keeps the numbers masked.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { employees } from "../../db/schema";
import type { RosterQuery } from "~/utils/roster-query";
import { audit, type Actor } from "./audit.server";
import { allRosterRows } from "./employee.server";

type RosterRow = ReturnType<typeof allRosterRows> extends Generator<infer R> ? R : never;
export type RosterRowWithId = RosterRow & { idNumber: string };

/** Records the export (who, which filters, which format), then yields the roster rows with their full identity numbers, 1,000 at a time. */
export function rosterWithFullIds(db: Db, query: RosterQuery, today: string, actor: Actor, format: "csv" | "xlsx", scope?: readonly string[]): Generator<RosterRowWithId> {
  db.transaction((tx) => {
    const { page: _page, ...filters } = query as RosterQuery & { page?: unknown };
    audit(tx, actor, { action: "export", entity: "employees", after: { identityNumbers: "full", format, filters } });
  });
  return withIds(db, allRosterRows(db, query, today, scope));
}

function* withIds(db: Db, rows: Iterable<RosterRow>): Generator<RosterRowWithId> {
  let batch: RosterRow[] = [];
  const flush = function* (): Generator<RosterRowWithId> {
    const ids = new Map(
      db
        .select({ id: employees.id, idNumber: employees.idNumber })
        .from(employees)
        .where(inArray(employees.id, batch.map((r) => r.id)))
        .all()
        .map((r) => [r.id, r.idNumber]),
    );
    for (const r of batch) yield { ...r, idNumber: ids.get(r.id) ?? "" };
    batch = [];
  };
  for (const r of rows) {
    batch.push(r);
    if (batch.length === 1000) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}
