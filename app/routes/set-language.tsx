import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "~/locales";
import { badRequest, safeRedirect } from "~/server/http.server";
import { languageCookie } from "~/server/i18n.server";

const LanguageSchema = z.object({
  lng: z.enum(SUPPORTED_LANGUAGES),
  redirectTo: z.string().max(2000).optional(),
});

/**
 * Public on purpose, like the sign-in page (which has the switch too): it only
 * sets the `lng` cookie and goes back; it reads and writes no data.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = LanguageSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) throw badRequest();
  return redirect(safeRedirect(form.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await languageCookie.serialize(form.data.lng) },
  });
}

export async function loader(_args: LoaderFunctionArgs) {
  return redirect("/");
}
