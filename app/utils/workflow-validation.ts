/** Parsing workflow forms: like `validate`, keeping the workflow's own error codes too. */
import type { z } from "zod";
import type { Msg } from "~/lib/messages";
import { fieldErrorsOf, validate } from "./validation";
import { WORKFLOW_ERROR_CODES, type WfResult } from "./workflow-errors";

const OWN = new Set<string>(WORKFLOW_ERROR_CODES);

export function validateWf<S extends z.ZodTypeAny>(schema: S, raw: unknown): WfResult<z.output<S>> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const errors: Record<string, { code: string; detail?: string; detailMsg?: Msg }> = fieldErrorsOf(r.error);
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (OWN.has(issue.message) && errors[field]?.code === "invalid") {
      // Keep the detail (a rate's reason), and its coded form for the reader's language.
      const params = (issue as { params?: { detail?: string; detailMsg?: Msg } }).params;
      errors[field] = { code: issue.message, ...(params?.detail ? { detail: params.detail } : {}), ...(params?.detailMsg ? { detailMsg: params.detailMsg } : {}) };
    }
  }
  return { ok: false, errors };
}

export { validate };
