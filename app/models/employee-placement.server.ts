/**
 * What keeps an employee's rows placeable by employer (issue 16, docs/scale.md):
 * the installation's register of employee numbers, and an employee's move to
 * another employer. Called inside the transaction that writes the employee
 * (the form, the import, the seeds); neither writes an audit entry of its own.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { employeeNumbers, employees, registrations, wages } from "../../db/schema";
import { rawInsertMany, rawRun } from "../../db/raw";

/**
 * Records new employees' numbers in `employee_numbers`, whose key keeps them
 * unique per installation (SPEC §2) however the employees are stored: on a
 * cluster split by employer the employees table cannot hold that uniqueness.
 * A number already held fails the insert, and with it the transaction.
 */
export async function claimEmployeeNumbers(tx: Db, rows: readonly { employeeNo: string; employeeId: number }[]): Promise<void> {
  // Plain SQL: an import claims thousands at once (db/raw.ts says why).
  await rawInsertMany(tx, "INSERT INTO employee_numbers (employee_no, employee_id)", rows.map((r) => [r.employeeNo, r.employeeId]));
}

/** An employee's number changed (the employee form): the register follows. */
export async function renumberEmployee(tx: Db, employeeId: number, employeeNo: string): Promise<void> {
  await tx.update(employeeNumbers).set({ employeeNo }).where(eq(employeeNumbers.employeeId, employeeId)).run();
}

/**
 * Moves an employee, with its wage history and registration, from one employer
 * to another, keeping its id. A row never changes employer in place (on a
 * cluster split by employer it would have to change shard, which Citus refuses,
 * and PostgreSQL's keys say so: ON UPDATE NO ACTION): the employee row is
 * deleted and inserted again under the new employer, and so are its wages and
 * registration. The declaration lines, statements and change-list entries made
 * for the old employer stay with it (they were that employer's).
 *
 * SQLite checks its foreign keys to the employee (statements, declaration
 * lines, accounts) at the end of the transaction here, when the row is back.
 */
export async function moveEmployee(tx: Db, id: number, from: number, to: number): Promise<void> {
  if (from === to) return;
  const row = await tx.select().from(employees).where(and(eq(employees.employerId, from), eq(employees.id, id))).get();
  if (!row) throw new Error(`moveEmployee: no employee ${id} of employer ${from}`);
  const wageRows = await tx.select().from(wages).where(and(eq(wages.employerId, from), eq(wages.employeeId, id))).all();
  const registration = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.employerId, from), eq(registrations.employeeId, id)))
    .get();
  if (tx.engine === "sqlite") await rawRun(tx, "PRAGMA defer_foreign_keys = ON");
  // ON DELETE CASCADE takes the wages and the registration.
  await tx.delete(employees).where(and(eq(employees.employerId, from), eq(employees.id, id))).run();
  await tx.insert(employees).values({ ...row, employerId: to }).run();
  if (wageRows.length > 0) await tx.insert(wages).values(wageRows.map((w) => ({ ...w, employerId: to }))).run();
  if (registration) await tx.insert(registrations).values({ ...registration, employerId: to }).run();
}
