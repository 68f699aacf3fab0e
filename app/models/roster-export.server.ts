/**
 * The roster with full identity numbers (issue 18): for HR and admin only, an
 * explicit choice, recorded in the audit log before a row is read, because
 * matching against the agency's and the tax bureau's lists needs them. Every
 * other export keeps the numbers masked.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { employees } from "../../db/schema";
import type { RosterQuery } from "~/url-state/roster-query";
import { audit, type Actor } from "./audit.server";
import { allRosterRows } from "./employee.server";
import { transaction } from "../../db/transaction";

type RosterRow = ReturnType<typeof allRosterRows> extends AsyncGenerator<infer R> ? R : never;
export type RosterRowWithId = RosterRow & { idNumber: string };

/** Records the export (who, which filters, which format), then yields the roster rows with their full identity numbers, 1,000 at a time. */
export async function rosterWithFullIds(db: Db, query: RosterQuery, today: string, actor: Actor, format: "csv" | "xlsx", scope?: readonly string[]): Promise<AsyncGenerator<RosterRowWithId>> {
  await transaction(db, async (tx) => {
    const { page: _page, ...filters } = query as RosterQuery & { page?: unknown };
    await audit(tx, actor, { action: "export", entity: "employees", after: { identityNumbers: "full", format, filters } });
  });
  return withIds(db, allRosterRows(db, query, today, scope));
}

async function* withIds(db: Db, rows: AsyncIterable<RosterRow>): AsyncGenerator<RosterRowWithId> {
  let batch: RosterRow[] = [];
  const flush = async function* (): AsyncGenerator<RosterRowWithId> {
    const ids = new Map(
      (
        await db
          .select({ id: employees.id, idNumber: employees.idNumber })
          .from(employees)
          .where(inArray(employees.id, batch.map((r) => r.id)))
          .all()
      ).map((r) => [r.id, r.idNumber]),
    );
    for (const r of batch) yield { ...r, idNumber: ids.get(r.id) ?? "" };
    batch = [];
  };
  for await (const r of rows) {
    batch.push(r);
    if (batch.length === 1000) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}
