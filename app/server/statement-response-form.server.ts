/** The employee's answer from a form (portal or link): parse, record, and say what went wrong as a `mail.respond.*` code. */
import { z } from "zod";
import type { RespondError } from "~/components/statement-response";
import type { Actor } from "~/models/audit.server";
import { respondToStatement } from "~/models/statement-mail.server";
import { db } from "./db.server";

const RespondSchema = z.object({
  intent: z.enum(["acknowledge", "dispute"]),
  reason: z.string().max(5000).optional().default(""),
});

export type RespondOutcome = { ok: true } | { ok: false; error: RespondError; reason: string; status: number };

export async function respondFromForm(values: Record<string, string>, who: { statementId: number; employeeId: number; via: "link" | "portal" }, actor: Actor): Promise<RespondOutcome> {
  const parsed = RespondSchema.safeParse(values);
  if (!parsed.success) return { ok: false, error: "reasonRequired", reason: "", status: 400 };
  const { intent, reason } = parsed.data;
  const r = await respondToStatement(db, { ...who, kind: intent === "acknowledge" ? "acknowledged" : "disputed", reason }, actor);
  if (r.ok) return r;
  if (r.code === "notFound") throw new Response("Not found", { status: 404 });
  return { ok: false, error: r.code, reason: reason.slice(0, 1000), status: r.code === "alreadyAnswered" || r.code === "superseded" ? 409 : 400 };
}
