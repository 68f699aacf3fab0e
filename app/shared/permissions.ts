/**
 * Who may do what: the one permission vocabulary (ADR 0014). A pure function,
 * browser-safe, used by the UI to hide what a role cannot use, and enforced on
 * the server by `requirePermission(request, action)` (auth.server.ts), which
 * every loader and action calls itself.
 */
export const ROLES = ["admin", "hr", "auditor", "employee"] as const;
export type Role = (typeof ROLES)[number];

/** What every staff role (admin, HR, auditor) reads. */
const STAFF_READ = [
  "dashboard:read",
  "employer:read",
  "employee:read",
  "registration:read",
  "finding:read",
  "report:read",
  "statement:read",
  /** The HR workflows: month view, payments, collection, imports, policies, annual base, change list. */
  "workflow:read",
] as const;
/** What admin and HR change. */
const STAFF_WRITE = ["employer:write", "employee:write", "registration:write", "statement:write", "workflow:write"] as const;

/** Every action: the staff's, managing users, an employee's own page, and the audit log (admin and auditor only). */
export const ACTIONS = [...STAFF_READ, ...STAFF_WRITE, "user:manage", "self:read", "audit:read"] as const;
export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>([...STAFF_READ, ...STAFF_WRITE, "user:manage", "audit:read"]),
  hr: new Set<Action>([...STAFF_READ, ...STAFF_WRITE]),
  auditor: new Set<Action>([...STAFF_READ, "audit:read"]),
  employee: new Set<Action>(["self:read"]),
};

export function can(role: Role, action: Action): boolean {
  return GRANTS[role]?.has(action) ?? false;
}

/** Where a role lands after signing in. */
export function homePath(role: Role): string {
  return role === "employee" ? "/me" : "/";
}
