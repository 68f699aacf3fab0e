import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser, signOut } from "~/server/auth.server";

/** Signing out is a POST; a GET just goes home. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  return redirect("/login", { headers: { "Set-Cookie": await signOut(request) } });
}
