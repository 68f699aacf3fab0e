import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { IMPORT_COLUMNS, IMPORT_KINDS, isImportKind, MAX_IMPORT_ERRORS, type ImportError } from "~/lib/import-formats";
import { previewImport, runImport, type ImportSummary } from "~/models/import.server";
import { dropUpload, stashUpload, takeUpload } from "~/models/upload-stash.server";
import { actorOf, requireRole, scopeOf } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formValues } from "~/utils/forms.server";
import { CONTROL_CHARACTERS, forbidden } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { canWriteWorkflows, WORKFLOW_READERS, WORKFLOW_WRITERS } from "~/utils/workflow-access";
import { useFormat } from "~/utils/format";
import { importErrorMsg, useRenderMsg } from "~/utils/messages";
import { useWorkflowErrors, type WfErrors } from "~/utils/workflow-errors";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.imports.title");

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** What a rejected file's report may echo of the file: short column names and file name. */
const MAX_ECHO = 120;
/** Settings of a whole region: not for an account limited to employers. */
const REGIONAL_KINDS: readonly string[] = ["policies", "non_working_days"];
const clip = (s: string) => (s.length > MAX_ECHO ? `${s.slice(0, MAX_ECHO)}…` : s);
function reported(errors: ImportError[]): ImportError[] {
  return errors.slice(0, MAX_IMPORT_ERRORS).map((e) => ({ ...e, column: clip(e.column) }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, WORKFLOW_READERS);
  return json({ canWrite: canWriteWorkflows(user.role), columns: IMPORT_COLUMNS });
}

type ActionData =
  | { step: "invalid"; errors: WfErrors; values: Record<string, string> }
  | { step: "rejected"; kind: string; fileName: string; errors: ImportError[] }
  | { step: "preview"; kind: string; fileName: string; id: string; sha256: string; summary: ImportSummary };

function fail(errors: WfErrors, values: Record<string, string> = {}) {
  return json<ActionData>({ step: "invalid", errors, values }, { status: 400 });
}

/**
 * Two steps. `preview` (multipart): the file is checked with previewImport —
 * nothing written — and held on the server under a random id. `confirm`: the
 * held file (same user, kind and SHA-256) is imported with runImport, all or nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, WORKFLOW_WRITERS);
  // An account limited to employers imports only their rows (issue 21).
  const scope = scopeOf(user)?.codes ?? null;
  const type = request.headers.get("Content-Type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    // server.mjs has bounded the body (20 MB and a little) and checked that it parses.
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return fail({ file: { code: "fileMissing" } });
    }
    const kind = String(form.get("kind") ?? "");
    if (!isImportKind(kind)) return fail({ kind: { code: "unknownKind" } }, { kind });
    if (scope && REGIONAL_KINDS.includes(kind)) throw forbidden();
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0) return fail({ file: { code: "fileMissing" } }, { kind });
    // A file name is shown and audit-logged: control characters are refused (server.mjs refuses them first).
    if (CONTROL_CHARACTERS.test(file.name)) return fail({ file: { code: "fileMissing" } }, { kind });
    if (file.size > MAX_UPLOAD_BYTES) return fail({ file: { code: "fileTooLarge", detail: "20 MB" } }, { kind });
    const text = await file.text();
    const result = previewImport(db, kind, text, { scope });
    if (!result.ok) return json<ActionData>({ step: "rejected", kind, fileName: clip(file.name), errors: reported(result.errors) }, { status: 400 });
    const held = stashUpload(user.id, kind, file.name, text);
    return json<ActionData>({ step: "preview", kind, fileName: file.name, id: held.id, sha256: held.sha256, summary: result.summary });
  }

  const values = await formValues(request);
  const taken = takeUpload(user.id, values.id ?? "", values.kind ?? "", values.sha256 ?? "");
  if (!taken.ok) return fail({ form: { code: taken.code } }, values);
  const { upload } = taken;
  if (scope && REGIONAL_KINDS.includes(upload.kind)) throw forbidden();
  const result = runImport(db, upload.kind, upload.text, actorOf(user), { fileName: upload.fileName, scope });
  // The data may have changed since the preview: the file is checked again inside the transaction.
  if (!result.ok) return json<ActionData>({ step: "rejected", kind: upload.kind, fileName: clip(upload.fileName), errors: reported(result.errors) }, { status: 400 });
  dropUpload(upload.id);
  const s = result.summary;
  const params = new URLSearchParams({ kind: upload.kind, rows: String(s.rows), created: String(s.created), replaced: String(s.replaced), unchanged: String(s.unchanged) });
  return redirect(`/imports?${params}`);
}

function Rejected({ data }: { data: Extract<ActionData, { step: "rejected" }> }) {
  const { t } = useTranslation();
  const render = useRenderMsg();
  return (
    <section>
      <p className="notice notice-error" role="alert">
        {data.fileName}: {t("workflows.imports.rejected", { count: data.errors.length })}
      </p>
      {data.errors.length >= MAX_IMPORT_ERRORS ? (
        <p className="notice" role="status">
          {t("security.importTruncated", { count: MAX_IMPORT_ERRORS })}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data-table" data-testid="import-errors">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("workflows.imports.row")}
              </th>
              <th scope="col">{t("workflows.imports.column")}</th>
              <th scope="col">{t("workflows.imports.message")}</th>
            </tr>
          </thead>
          <tbody>
            {data.errors.map((e, i) => (
              <tr key={i}>
                <td className="num">{e.row}</td>
                <td className="mono">{e.column || t("common.none")}</td>
                <td>{render(importErrorMsg(e))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function ImportsPage() {
  const { canWrite, columns } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const n = (v: string | number | null) => fmt.number(Number(v ?? 0));
  const err = useWorkflowErrors(data?.step === "invalid" ? data.errors : undefined);
  const kindParam = params.get("kind") ?? "";
  const chosenKind = data?.step === "invalid" ? (data.values.kind ?? "") : data && "kind" in data ? data.kind : kindParam;
  const done = params.get("rows");

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("workflows.imports.title")}</h1>
          <p>{t("workflows.imports.intro")}</p>
        </div>
      </div>
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      {done ? (
        <p className="notice notice-ok" role="status">
          {params.get("created") === "0" && params.get("replaced") === "0"
            ? t("workflows.imports.nothingChanged")
            : t("workflows.imports.imported", { rows: n(done), created: n(params.get("created")), replaced: n(params.get("replaced")), unchanged: n(params.get("unchanged")) })}
        </p>
      ) : null}
      {err("form") ? (
        <p className="notice notice-error" role="alert">
          {err("form")}
        </p>
      ) : null}

      {data?.step === "rejected" ? <Rejected data={data} /> : null}

      {data?.step === "preview" ? (
        <section className="card" data-testid="import-preview">
          <h2>{t("workflows.imports.preview", { file: data.fileName })}</h2>
          <p>
            {t(`workflows.imports.kinds.${data.kind as (typeof IMPORT_KINDS)[number]}`)} ·{" "}
            {t("workflows.imports.summary", { rows: n(data.summary.rows), created: n(data.summary.created), replaced: n(data.summary.replaced), unchanged: n(data.summary.unchanged) })}
          </p>
          <p className="mono muted">{t("workflows.imports.checksum", { sha: data.sha256 })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="id" value={data.id} />
            <input type="hidden" name="kind" value={data.kind} />
            <input type="hidden" name="sha256" value={data.sha256} />
            <div className="form-actions">
              <button type="submit" className="btn">
                {t("workflows.imports.confirm")}
              </button>
              <Link to="/imports" className="btn btn-ghost">
                {t("workflows.imports.cancel")}
              </Link>
            </div>
          </Form>
        </section>
      ) : null}

      {canWrite ? (
        <Form method="post" encType="multipart/form-data" className="card" noValidate key={data?.step === "preview" ? data.id : "upload"}>
          <input type="hidden" name="intent" value="preview" />
          <div className="form-grid">
            <SelectField label={t("workflows.fields.importKind")} name="kind" defaultValue={chosenKind} error={err("kind", "workflows.fields.importKind")} required>
              <option value="">{t("common.none")}</option>
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`workflows.imports.kinds.${k}`)}
                </option>
              ))}
            </SelectField>
            <Field label={t("workflows.fields.file")} name="file" type="file" accept=".csv,text/csv" hint={t("workflows.imports.sizeLimit")} error={err("file")} required />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn">
              {t("workflows.imports.upload")}
            </button>
          </div>
        </Form>
      ) : null}

      <details className="card">
        <summary>{t("workflows.imports.columns", { columns: "" })}</summary>
        <dl className="facts">
          {IMPORT_KINDS.map((k) => (
            <div key={k} style={{ display: "contents" }}>
              <dt>{t(`workflows.imports.kinds.${k}`)}</dt>
              <dd className="mono">{columns[k].join(",")}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
