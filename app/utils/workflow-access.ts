/**
 * Who may use the HR workflows (month view, collection, imports, policies)
 * and the audit log. Enforced with `requireRole` in every loader and action;
 * the same lists decide which forms a page renders.
 */
import type { Role } from "./permissions";

/** Read the workflow pages: staff. Employees are sent to /me, like on every staff page. */
export const WORKFLOW_READERS: readonly Role[] = ["admin", "hr", "auditor"];
/** Write through them: admin and HR; auditors get 403 (and see no forms). */
export const WORKFLOW_WRITERS: readonly Role[] = ["admin", "hr"];
/** The audit log: admin and auditor only. */
export const AUDIT_READERS: readonly Role[] = ["admin", "auditor"];

export function canWriteWorkflows(role: Role): boolean {
  return WORKFLOW_WRITERS.includes(role);
}

export function canReadAudit(role: Role): boolean {
  return AUDIT_READERS.includes(role);
}
