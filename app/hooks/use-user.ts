/** The signed-in user in components (from the root loader), and what their role may do. */
import { useRouteLoaderData } from "@remix-run/react";
import type { SessionUser } from "~/models/user.server";
import { can, type Action } from "../shared/permissions";

export function useOptionalUser(): SessionUser | null {
  const data = useRouteLoaderData("root") as { user: SessionUser | null } | undefined;
  return data?.user ?? null;
}

/** Hide what the role cannot use (the server enforces the same rule). */
export function useCan(action: Action): boolean {
  const user = useOptionalUser();
  return user !== null && can(user.role, action);
}
