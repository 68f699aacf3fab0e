/**
 * @deprecated Transitional (ADR 0014): the one permission vocabulary is
 * `can(role, action)` (permissions.ts) and `requirePermission(request,
 * action)` (auth.server.ts), with the actions `workflow:read`,
 * `workflow:write` and `audit:read`. Only app/routes/months.tsx still imports
 * this file (it is being split into months._index / months.$period on another
 * branch); delete this file, and `requireRole` in auth.server.ts, when that
 * page uses `requirePermission`. The lists are derived from `can`, so they
 * cannot disagree with it.
 */
import { can, ROLES, type Role } from "./permissions";

/** @deprecated use `requirePermission(request, "workflow:read")`. */
export const WORKFLOW_READERS: readonly Role[] = ROLES.filter((r) => can(r, "workflow:read"));
/** @deprecated use `requirePermission(request, "workflow:write")`. */
export const WORKFLOW_WRITERS: readonly Role[] = ROLES.filter((r) => can(r, "workflow:write"));

/** @deprecated use `can(role, "workflow:write")`. */
export function canWriteWorkflows(role: Role): boolean {
  return can(role, "workflow:write");
}
