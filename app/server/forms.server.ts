/** Form data in actions: plain strings only (files and repeated keys are not part of any form here). */
export async function formValues(request: Request): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of await request.formData()) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}
