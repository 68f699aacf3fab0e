/**
 * The columns of one person's employment, as the engine, the registration
 * tracker, the HR month and the employee page read them: the employee row's
 * dates and, beside it, their registration's (left-joined: a person with no
 * registration row has none yet).
 */
import { and, eq } from "drizzle-orm";
import { employees, registrations } from "../../db/schema";

/** Hire and termination dates, then the registration's three dates. */
export const employmentDates = {
  hireDate: employees.hireDate,
  terminationDate: employees.terminationDate,
  appliedOn: registrations.appliedOn,
  registeredOn: registrations.registeredOn,
  terminationReportedOn: registrations.terminationReportedOn,
};

/** `.leftJoin(registrations, registrationOfEmployee)`: the employee's registration, on the employer's shard key too. */
export const registrationOfEmployee = and(eq(registrations.employerId, employees.employerId), eq(registrations.employeeId, employees.id));
