/**
 * Authentication and authorization for loaders and actions. Every loader and
 * action calls `requireUser` or `requirePermission(request, action)` itself
 * (the actions and who has them: permissions.ts, the one vocabulary).
 */
import { redirect } from "@remix-run/node";
import { employerScopeOf, inScope, type EmployerScope } from "~/models/employer-scope.server";
import { ABSOLUTE_TIMEOUT_MS, deleteSession, getSessionUser } from "~/models/session.server";
import type { SessionUser } from "~/models/user.server";
import type { Actor } from "~/models/audit.server";
import { db } from "./db.server";
import { forbidden, notFound } from "./http.server";
import { appCookie, cookieToken } from "./cookies.server";
import { can, type Action } from "../shared/permissions";

export const sessionCookie = appCookie("__session", "/", Math.floor(ABSOLUTE_TIMEOUT_MS / 1000));

/** The signed-in user, or null. */
export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const token = await cookieToken(sessionCookie, request);
  return token ? await getSessionUser(db, token) : null;
}

/** The signed-in user; signed out → redirect to the sign-in page, back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
  throw redirect(`/login?${params}`, {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}

/** Staff pages send employees to their own page; anyone else without the right gets 403. */
function refuse(user: SessionUser): never {
  if (user.role === "employee") throw redirect("/me");
  throw forbidden();
}

export async function requirePermission(request: Request, action: Action): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.role, action)) refuse(user);
  return user;
}

export function actorOf(user: SessionUser): Actor {
  return { userId: user.id, label: user.email };
}

/** The Set-Cookie header of a fresh session. */
export async function sessionCookieHeader(token: string): Promise<string> {
  return sessionCookie.serialize(token);
}

/** Sign out: delete the session row and clear the cookie. */
export async function signOut(request: Request): Promise<string> {
  const token = await cookieToken(sessionCookie, request);
  if (token) await deleteSession(db, token);
  return sessionCookie.serialize("", { maxAge: 0 });
}


/**
 * The employers this user may see and change (issue 21): null = all. Only HR
 * and auditor accounts are ever scoped. Every loader and action that reads or
 * writes an employer's data asks this itself.
 */
export async function scopeOf(user: SessionUser): Promise<EmployerScope> {
  return user.role === "hr" || user.role === "auditor" ? await employerScopeOf(db, user.id) : null;
}

/** An employer outside the user's scope is answered like one that does not exist: 404. */
export function requireInScope(scope: EmployerScope, employer: { id?: number | null; code?: string | null }): void {
  if (!inScope(scope, employer)) throw notFound();
}

/** A requested employer code ("" = none chosen) must be in scope; 404 otherwise. */
export function requireCodeInScope(scope: EmployerScope, code: string | null | undefined): void {
  if (code) requireInScope(scope, { code });
}
