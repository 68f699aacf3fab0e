/**
 * Who may do what: the one permission vocabulary (ADR 0014). A pure function,
 * browser-safe, used by the UI to hide what a role cannot use, and enforced on
 * the server by `requirePermission(request, action)` (auth.server.ts), which
 * every loader and action calls itself.
 */
export const ROLES = ["admin", "hr", "auditor", "employee"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "dashboard:read",
  "employer:read",
  "employer:write",
  "employee:read",
  "employee:write",
  "registration:read",
  "registration:write",
  "finding:read",
  "report:read",
  "statement:read",
  "statement:write",
  "user:manage",
  "self:read",
  /** The HR workflows: month view, payments, collection, imports, policies, annual base, change list. */
  "workflow:read",
  "workflow:write",
  /** The audit log: admin and auditor only. */
  "audit:read",
] as const;
export type Action = (typeof ACTIONS)[number];

const STAFF_READ: readonly Action[] = [
  "dashboard:read",
  "employer:read",
  "employee:read",
  "registration:read",
  "finding:read",
  "report:read",
  "statement:read",
  "workflow:read",
];
const STAFF_WRITE: readonly Action[] = ["employer:write", "employee:write", "registration:write", "statement:write", "workflow:write"];

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
