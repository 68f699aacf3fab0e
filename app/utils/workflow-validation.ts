/** Parsing workflow forms: like `validate`, keeping the workflow's own error codes too. */
import type { z } from "zod";
import { fieldErrorsOf, validate } from "./validation";
import { WORKFLOW_ERROR_CODES, type WfResult } from "./workflow-errors";

const OWN = new Set<string>(WORKFLOW_ERROR_CODES);

export function validateWf<S extends z.ZodTypeAny>(schema: S, raw: unknown): WfResult<z.output<S>> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const errors: Record<string, { code: string; detail?: string }> = fieldErrorsOf(r.error);
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (OWN.has(issue.message) && errors[field]?.code === "invalid") errors[field] = { code: issue.message };
  }
  return { ok: false, errors };
}

export { validate };
