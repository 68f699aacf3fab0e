/** Small HTTP helpers for loaders and actions. */
import { json } from "@remix-run/node";
import { z } from "zod";
import { idParam } from "./validation";

/** Only same-site relative paths, so a `redirectTo` cannot send people elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export function badRequest(): Response {
  return new Response("Bad request", { status: 400 });
}

/** Parse URL search params with a zod schema; bad values fall back to the schema's defaults (`.catch`). */
export function parseSearchParams<S extends z.ZodTypeAny>(request: Request, schema: S): z.output<S> {
  const url = new URL(request.url);
  return schema.parse(Object.fromEntries(url.searchParams));
}

/** A 400 with field errors and what the user typed, for the form to show again. */
export function invalid<E, V>(errors: E, values: V) {
  return json({ ok: false as const, errors, values }, { status: 400 });
}

const IdParams = z.object({ id: idParam() });

/** The `$id` of a route as a positive integer; anything else is a 404. */
export function idFromParams(params: unknown): number {
  const p = IdParams.safeParse(params);
  if (!p.success) throw notFound();
  return p.data.id;
}
