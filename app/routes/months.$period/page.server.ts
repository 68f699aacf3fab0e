/**
 * The month page's server side: what one employer-month shows, and its three
 * writes (prepare the declaration, correct a line, record a payment). The
 * action is also the list's (`/months?…&period=…` is where forms and clients
 * posted before the month had an address of its own).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { correctDeclarationLine, prepareDeclaration } from "~/models/declaration.server";
import { employerOptions } from "~/models/employer.server";
import { monthView } from "~/models/month.server";
import { recordPayment } from "~/models/payment.server";
import { isValidMonth, monthOf } from "~/rules/dates";
import { actorOf, requireInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { badRequest, invalid, notFound, parseSearchParams } from "~/server/http.server";
import { asOfParam, monthHref } from "~/url-state/search-params";
import { can } from "~/shared/permissions";

const employerParam = () => z.string().trim().max(20).catch("").default("");

/** `/months/YYYY-MM?employer=…&asOf=…` */
export const MonthPageQuerySchema = z.object({ employer: employerParam(), asOf: asOfParam() });

/** The month's address before it had one of its own: `/months?employer=…&period=…&asOf=…` (an invalid period: the as-of date's month). */
const OldMonthQuerySchema = z.object({ employer: employerParam(), period: z.string().refine(isValidMonth).optional().catch(undefined), asOf: asOfParam() });

const Intent = z.enum(["prepare", "correct", "payment"]);

/** One employer-month (`period` from the address; the employer defaults to the account's first). */
export async function loadMonth(request: Request, periodParam: string | undefined) {
  const user = await requirePermission(request, "workflow:read");
  const scope = await scopeOf(user);
  const now = today();
  const query = parseSearchParams(request, MonthPageQuerySchema);
  if (!periodParam || !isValidMonth(periodParam)) throw notFound();
  const asOf = query.asOf ?? now;
  const period = periodParam;
  const employers = await employerOptions(db, scope?.codes);
  if (query.employer && !employers.some((e) => e.code === query.employer)) throw notFound();
  const code = query.employer || employers[0]?.code || "";
  const view = code ? await monthView(db, code, period, asOf) : null;
  if (query.employer && !view) throw notFound();
  return { canWrite: can(user.role, "workflow:write"), today: now, asOf, period, employers, view };
}

/**
 * `/months?…&period=…` (links, bookmarks and clients of before): the same
 * access answers as the month page (403, and 404 for an employer outside the
 * account's scope), then a redirect to the month's own address, the other
 * params kept.
 */
export async function redirectToMonth(request: Request): Promise<never> {
  const user = await requirePermission(request, "workflow:read");
  const scope = await scopeOf(user);
  const query = parseSearchParams(request, OldMonthQuerySchema);
  if (query.employer) {
    const employers = await employerOptions(db, scope?.codes);
    if (!employers.some((e) => e.code === query.employer)) throw notFound();
  }
  const period = query.period ?? monthOf(query.asOf ?? today());
  throw redirect(monthHref(query.employer, period, new URL(request.url).searchParams));
}

/** Prepare the declaration, correct a line, or record a payment; auditors get 403. */
export async function monthAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "workflow:write");
  const values = await formValues(request);
  const intent = Intent.safeParse(values.intent);
  if (!intent.success) throw badRequest();
  // Every intent names its employer: outside the account's scope, it does not exist.
  requireInScope(await scopeOf(user), { code: values.employer ?? "" });
  const actor = actorOf(user);
  const result =
    intent.data === "prepare" ? await prepareDeclaration(db, actor, values) : intent.data === "correct" ? await correctDeclarationLine(db, actor, values) : await recordPayment(db, actor, values);
  if (!result.ok) return invalid(result.errors, values);
  const next = new URLSearchParams(new URL(request.url).search);
  next.set("done", intent.data);
  return redirect(monthHref(values.employer ?? "", values.period ?? "", next));
}
