/** Small HTTP helpers for loaders and actions. */
import { json } from "@remix-run/node";
import { z } from "zod";
import { idParam } from "../shared/validation";

/** C0 controls, DEL, C1 controls: never in a redirect target, a file name or a stored text. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_REDIRECT_LENGTH = 2000;

/**
 * The one redirect check, used by every route that redirects to a target it
 * was given (sign-in, the language switch): a same-site path and nothing else.
 * Refused (→ `fallback`), in the raw value and again after percent-decoding:
 * control characters (tab, CR, LF, NUL… which browsers strip, turning `/\t/x`
 * into `//x`), backslashes, a leading `//`, anything not starting with `/`,
 * broken percent-encoding, more than 2,000 characters. What is kept resolves
 * to our own origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > MAX_REDIRECT_LENGTH) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  for (const candidate of [to, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//")) return fallback;
    if (candidate.includes("\\") || CONTROL_CHARACTERS.test(candidate)) return fallback;
  }
  const base = "http://same-site.invalid";
  const resolved = new URL(to, base);
  if (resolved.origin !== base) return fallback;
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
