import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import type { FileSource } from "~/server/file-decode.server";
import { COLUMN_INFO } from "~/shared/import-columns";
import { capErrors, readImportFile, sourceText } from "~/server/import-file.server";
import { IMPORT_COLUMNS, IMPORT_KINDS, isImportKind, type ImportError, type ImportKind } from "~/shared/import-formats";
import { IGNORE, type ColumnMapping, type PreviewRows } from "~/shared/import-table";
import { previewImport, runImport, type ImportSummary } from "~/models/import.server";
import { dropUpload, stashUpload, takeUpload } from "~/models/upload-stash.server";
import { can } from "~/shared/permissions";
import { actorOf, requirePermission, scopeOf } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { CONTROL_CHARACTERS, forbidden } from "~/server/http.server";
import { appCookie } from "~/server/cookies.server";
import { pageTitle } from "~/shared/meta";
import { useFormat } from "~/hooks/use-format";
import { useRenderMsg } from "~/hooks/use-render-msg";
import { importErrorMsg } from "~/shared/messages";
import { useWorkflowErrors } from "~/hooks/use-field-errors";
import type { FieldErrors } from "~/shared/validation";
import { SubmitRow } from "~/components/submit-row";
import { TableHead } from "~/components/table-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.imports.title");

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The errors a rejected file shows at most (the total is said beside them). */
export const MAX_SHOWN_ERRORS = 200;

/** The column mappings a user chose, per kind (header as written → SPEC name), remembered in this browser. */
const mappingCookie = appCookie("shebao_import_map", "/imports", 365 * 86_400);

type Mappings = Partial<Record<ImportKind, Record<string, string>>>;

async function readMappings(request: Request): Promise<Mappings> {
  try {
    const v = (await mappingCookie.parse(request.headers.get("Cookie"))) as unknown;
    return v && typeof v === "object" ? (v as Mappings) : {};
  } catch {
    return {};
  }
}

/** What a rejected file's report may echo of the file: short column names and file name. */
const MAX_ECHO = 120;
/** Settings of a whole region: not for an account limited to employers. */
const REGIONAL_KINDS: readonly string[] = ["policies", "non_working_days"];
const clip = (s: string) => (s.length > MAX_ECHO ? `${s.slice(0, MAX_ECHO)}…` : s);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workflow:read");
  const labels = Object.fromEntries(
    IMPORT_KINDS.map((k) => [k, COLUMN_INFO[k].filter((c) => IMPORT_COLUMNS[k].includes(c.name)).map((c) => ({ name: c.name, zh: c.zh.join(" / "), ruleZh: c.ruleZh, ruleEn: c.ruleEn }))]),
  ) as Record<ImportKind, { name: string; zh: string; ruleZh: string; ruleEn: string }[]>;
  return json({ canWrite: can(user.role, "workflow:write"), columns: IMPORT_COLUMNS, labels });
}

interface Held {
  id: string;
  sha256: string;
}

/** How the file was read: what the page needs to offer another sheet or a column mapping. */
interface Reading {
  source: FileSource;
  /** The sheet and mapping used (sent again with the confirmation). */
  sheet: string;
  mapping: ColumnMapping;
  /** Header cells that match no column, as written. */
  unmatched: string[];
  /** Columns of the kind that no header cell stands for. */
  missing: string[];
}

type ActionData =
  | { step: "invalid"; errors: FieldErrors; values: Record<string, string> }
  | { step: "rejected"; kind: string; fileName: string; errors: ImportError[]; total: number; held?: Held; reading?: Reading }
  | { step: "preview"; kind: string; fileName: string; id: string; sha256: string; summary: ImportSummary; preview: PreviewRows; reading: Reading };

function fail(errors: FieldErrors, values: Record<string, string> = {}) {
  return json<ActionData>({ step: "invalid", errors, values }, { status: 400 });
}

function rejected(kind: string, fileName: string, all: readonly ImportError[], { total: known, ...extra }: { held?: Held; reading?: Reading; total?: number } = {}, init?: ResponseInit) {
  const { errors, total } = capErrors(all, MAX_SHOWN_ERRORS, known);
  // Echoed names are clipped: a file of 200,000 columns must not make the page huge.
  const shown = errors.map((e) => ({ ...e, column: clip(e.column) }));
  return json<ActionData>({ step: "rejected", kind, fileName: clip(fileName), errors: shown, total, ...extra }, { status: 400, ...init });
}

/** The mapping sent with a form: `mapfrom` / `mapto` pairs. */
function mappingOf(form: FormData): Record<string, string> {
  const from = form.getAll("mapfrom").map(String);
  const to = form.getAll("mapto").map(String);
  const mapping: Record<string, string> = {};
  from.forEach((f, i) => {
    const t = to[i] ?? "";
    if (f !== "" && t !== "") mapping[f] = t;
  });
  return mapping;
}

/**
 * Read the held file with a sheet and mapping, and preview it. A file that
 * decodes stays held (so the page can offer another sheet or a column mapping)
 * even when its rows are refused.
 */
async function check(kind: ImportKind, fileName: string, held: Held, bytes: Uint8Array, sheet: string, mapping: ColumnMapping, scope: readonly string[] | null, init?: ResponseInit) {
  const read = await readImportFile(kind, bytes, { sheet: sheet || undefined, mapping });
  if (!read.ok) return rejected(kind, fileName, read.errors, { held }, init);
  const names = new Set(read.input.header.flatMap((h) => (h.column ? [h.column] : [])));
  const optional = new Set(COLUMN_INFO[kind].filter((c) => c.optional).map((c) => c.name));
  const reading: Reading = {
    source: read.source,
    sheet: read.source.format === "xlsx" ? read.source.sheet : "",
    mapping,
    unmatched: read.input.header.filter((h) => !h.column && !h.ignored && h.original !== "").map((h) => h.original),
    missing: IMPORT_COLUMNS[kind].filter((c) => !names.has(c) && !optional.has(c)),
  };
  const result = await previewImport(db, kind, read.input, { scope });
  if (!result.ok) return rejected(kind, fileName, result.errors, { held, reading, total: result.total }, init);
  return json<ActionData>({ step: "preview", kind, fileName, id: held.id, sha256: held.sha256, summary: result.summary, preview: result.preview, reading }, init);
}

/**
 * Two steps. `preview` (multipart): the file is read (xlsx, or CSV in any of
 * the encodings HR's programs write) and checked with previewImport — nothing
 * written — and held on the server under a random id. `reread`: the held file
 * again with another sheet or a column mapping. `confirm`: the held file (same
 * user, kind and SHA-256) is read again the same way and imported with
 * runImport, all or nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "workflow:write");
  // An account limited to employers imports only their rows (issue 21).
  const scope = (await scopeOf(user))?.codes ?? null;
  const mappings = await readMappings(request);
  // server.mjs has bounded the body (20 MB and a little) and checked that it parses; the
  // platform's parser reads it (Remix's own multipart parser answers 500 on some file names).
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return fail({ file: { code: "fileMissing" } });
  }
  const intent = String(form.get("intent") ?? "");
  if (intent !== "confirm" && intent !== "reread") {
    const kind = String(form.get("kind") ?? "");
    if (!isImportKind(kind)) return fail({ kind: { code: "unknownKind" } }, { kind });
    if (scope && REGIONAL_KINDS.includes(kind)) throw forbidden();
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0) return fail({ file: { code: "fileMissing" } }, { kind });
    // A file name is shown and audit-logged: control characters are refused (server.mjs refuses them first).
    if (CONTROL_CHARACTERS.test(file.name)) return fail({ file: { code: "fileMissing" } }, { kind });
    if (file.size > MAX_UPLOAD_BYTES) return fail({ file: { code: "fileTooLarge", detail: "20 MB" } }, { kind });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const held = stashUpload(user.id, kind, file.name, bytes);
    return await check(kind, file.name, { id: held.id, sha256: held.sha256 }, bytes, String(form.get("sheet") ?? ""), mappings[kind] ?? {}, scope);
  }

  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string" && !(k in values)) values[k] = v;
  const taken = takeUpload(user.id, values.id ?? "", values.kind ?? "", values.sha256 ?? "");
  if (!taken.ok) return fail({ form: { code: taken.code } }, values);
  const { upload } = taken;
  if (scope && REGIONAL_KINDS.includes(upload.kind)) throw forbidden();
  const held = { id: upload.id, sha256: upload.sha256 };
  const sheet = values.sheet ?? "";

  if (values.intent === "reread") {
    const chosen = mappingOf(form);
    const known = new Set<string>([...IMPORT_COLUMNS[upload.kind], IGNORE]);
    const mapping: Record<string, string> = { ...(mappings[upload.kind] ?? {}) };
    for (const [from, to] of Object.entries(chosen)) if (known.has(to)) mapping[from] = to;
    const next: Mappings = { ...mappings, [upload.kind]: mapping };
    return await check(upload.kind, upload.fileName, held, upload.bytes, sheet, mapping, scope, { headers: { "Set-Cookie": await mappingCookie.serialize(next) } });
  }

  const mapping = mappings[upload.kind] ?? {};
  const read = await readImportFile(upload.kind, upload.bytes, { sheet: sheet || undefined, mapping });
  if (!read.ok) return rejected(upload.kind, upload.fileName, read.errors);
  const result = await runImport(db, upload.kind, read.input, actorOf(user), { fileName: upload.fileName, format: sourceText(read.source), scope });
  // The data may have changed since the preview: the file is checked again inside the transaction.
  if (!result.ok) return rejected(upload.kind, upload.fileName, result.errors, { held, total: result.total });
  dropUpload(upload.id);
  const s = result.summary;
  const params = new URLSearchParams({ kind: upload.kind, rows: String(s.rows), created: String(s.created), replaced: String(s.replaced), unchanged: String(s.unchanged) });
  return redirect(`/imports?${params}`);
}

function HeldFields({ held, kind, sheet }: { held: Held; kind: string; sheet: string }) {
  return (
    <>
      <input type="hidden" name="id" value={held.id} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="sha256" value={held.sha256} />
      <input type="hidden" name="sheet" value={sheet} />
    </>
  );
}

function SourceLine({ reading }: { reading: Reading }) {
  const { t } = useTranslation();
  const s = reading.source;
  return (
    <p className="muted" data-testid="import-source">
      {t("files.ui.encoding", { format: t(`files.ui.encodings.${s.format === "xlsx" ? "xlsx" : s.encoding}`) })}
      {s.format === "xlsx" ? ` · ${t("files.ui.sheet", { sheet: s.sheet })}` : null}
    </p>
  );
}

/** Another sheet of the workbook, and a column for each header that matches none. */
function Reread({ kind, held, reading }: { kind: string; held: Held; reading: Reading }) {
  const { t } = useTranslation();
  const s = reading.source;
  const sheets = s.format === "xlsx" && s.sheets.length > 1 ? s.sheets : [];
  const columns = IMPORT_COLUMNS[kind as ImportKind] ?? [];
  if (sheets.length === 0 && reading.unmatched.length === 0) return null;
  return (
    <Form method="post" className="card" data-testid="import-reread">
      <input type="hidden" name="intent" value="reread" />
      <input type="hidden" name="id" value={held.id} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="sha256" value={held.sha256} />
      {sheets.length > 0 ? (
        <SelectField label={t("files.ui.sheetPicker")} name="sheet" defaultValue={reading.sheet}>
          {sheets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
      ) : (
        <input type="hidden" name="sheet" value={reading.sheet} />
      )}
      {reading.unmatched.length > 0 ? (
        <fieldset>
          <legend>{t("files.ui.mapping")}</legend>
          <p className="hint">{t("files.ui.mappingHelp")}</p>
          <div className="form-grid">
            {reading.unmatched.map((h, i) => (
              <div key={h} style={{ display: "contents" }}>
                <input type="hidden" name="mapfrom" value={h} />
                <SelectField label={h} name="mapto" id={`map-${i}`} defaultValue={reading.missing[i] ?? IGNORE}>
                  <option value={IGNORE}>{t("files.ui.mappingIgnore")}</option>
                  {columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </SelectField>
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-ghost">
          {reading.unmatched.length > 0 ? t("files.ui.mappingApply") : t("files.ui.readSheet")}
        </button>
      </div>
    </Form>
  );
}

function Rejected({ data }: { data: Extract<ActionData, { step: "rejected" }> }) {
  const { t } = useTranslation();
  const render = useRenderMsg();
  const fmt = useFormat();
  return (
    <section>
      <p className="notice notice-error" role="alert">
        {data.fileName}: {t("workflows.imports.rejected", { count: data.total })}
      </p>
      {data.reading ? <SourceLine reading={data.reading} /> : null}
      {data.total > data.errors.length ? <p className="muted">{t("files.ui.totalProblems", { shown: fmt.number(data.errors.length), total: fmt.number(data.total) })}</p> : null}
      <div className="table-wrap">
        <table className="data-table" data-testid="import-errors">
          <TableHead columns={[{ label: t("workflows.imports.row"), className: "num" }, t("workflows.imports.column"), t("workflows.imports.message")]} />
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
      {data.held && data.reading ? <Reread kind={data.kind} held={data.held} reading={data.reading} /> : null}
    </section>
  );
}

function PreviewTable({ preview, total }: { preview: PreviewRows; total: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <h3>{t("files.ui.previewRows")}</h3>
      <div className="table-wrap">
        <table className="data-table" data-testid="import-preview-rows">
          <TableHead columns={[{ label: t("workflows.imports.row"), className: "num" }, ...preview.columns.map((c) => ({ label: c, className: "mono" }))]} />
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.line}>
                <td className="num">{r.line}</td>
                {r.cells.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > preview.rows.length ? <p className="muted">{t("files.ui.moreRows", { count: total - preview.rows.length, n: fmt.number(total - preview.rows.length) })}</p> : null}
    </>
  );
}

export default function ImportsPage() {
  const { canWrite, columns, labels } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const n = (v: string | number | null) => fmt.number(Number(v ?? 0));
  const err = useWorkflowErrors(data?.step === "invalid" ? data.errors : undefined);
  const kindParam = params.get("kind") ?? "";
  const chosenKind = data?.step === "invalid" ? (data.values.kind ?? "") : data && "kind" in data ? data.kind : kindParam;
  const done = params.get("rows") && !data;
  const english = i18n.language === "en";

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
            : t("workflows.imports.imported", { rows: n(params.get("rows")), created: n(params.get("created")), replaced: n(params.get("replaced")), unchanged: n(params.get("unchanged")) })}
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
          <SourceLine reading={data.reading} />
          <p>
            {t(`workflows.imports.kinds.${data.kind as ImportKind}`)} ·{" "}
            {t("workflows.imports.summary", { rows: n(data.summary.rows), created: n(data.summary.created), replaced: n(data.summary.replaced), unchanged: n(data.summary.unchanged) })}
          </p>
          <PreviewTable preview={data.preview} total={data.summary.rows} />
          <p className="mono muted">{t("workflows.imports.checksum", { sha: data.sha256 })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <HeldFields held={{ id: data.id, sha256: data.sha256 }} kind={data.kind} sheet={data.reading.sheet} />
            <div className="form-actions">
              <button type="submit" className="btn">
                {t("workflows.imports.confirm")}
              </button>
              <Link to="/imports" className="btn btn-ghost">
                {t("workflows.imports.cancel")}
              </Link>
            </div>
          </Form>
          <Reread kind={data.kind} held={{ id: data.id, sha256: data.sha256 }} reading={{ ...data.reading, unmatched: [] }} />
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
            <Field
              label={t("workflows.fields.file")}
              name="file"
              type="file"
              accept=".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              hint={t("files.ui.fileHint")}
              error={err("file")}
              required
            />
          </div>
          <SubmitRow label={t("workflows.imports.upload")} />
        </Form>
      ) : null}

      <section className="card" data-testid="import-templates">
        <h2>{t("files.ui.templates")}</h2>
        <p className="hint">{t("files.ui.templatesHelp")}</p>
        <ul>
          {IMPORT_KINDS.map((k) => (
            <li key={k}>
              <a href={`/templates/${k}?format=xlsx`} download>
                {t("files.ui.templateXlsx", { kind: t(`workflows.imports.kinds.${k}`) })}
              </a>{" "}
              ·{" "}
              <a href={`/templates/${k}?format=csv`} download>
                {t("files.ui.templateCsv")}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <details className="card" data-testid="import-labels">
        <summary>{t("files.ui.labels")}</summary>
        <p className="hint">{t("files.ui.labelsHelp")}</p>
        {IMPORT_KINDS.map((k) => (
          <div key={k}>
            <h3>{t(`workflows.imports.kinds.${k}`)}</h3>
            <p className="mono">{columns[k].join(",")}</p>
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("files.ui.labelName")}</th>
                    <th scope="col">{t("files.ui.labelZh")}</th>
                    <th scope="col">{t("files.ui.labelRule")}</th>
                  </tr>
                </thead>
                <tbody>
                  {labels[k].map((c) => (
                    <tr key={c.name}>
                      <td className="mono">{c.name}</td>
                      <td>{c.zh}</td>
                      <td>{english ? c.ruleEn : c.ruleZh}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </details>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
