/**
 * Messages for people that the models produce in English (command line, logs)
 * and the web shows in the reader's language: a catalog key and its parameters.
 * A parameter may itself be a message (an identity check's reason inside an
 * import error), translated first. Pure: no React, no i18next.
 */
import type { i18nErrorsEn } from "~/locales/areas/i18n-errors.en";
import { filesEn } from "~/locales/areas/files.en";

export type MsgParam = string | number | Msg;
export interface Msg {
  /** A dotted catalog key, e.g. `problems.import.notMonth` or `identityReasons.checkChar`. */
  key: string;
  params?: Record<string, MsgParam>;
}

type Area = typeof i18nErrorsEn;
/** A problem of a whole file or of a cell found by the decoding path (areas/files.*.ts). */
export type FileErrorCode = keyof (typeof filesEn)["problems"];
export type ImportErrorCode = keyof Area["import"] | FileErrorCode;
export type { RateErrorCode } from "~/rules/money";
export type StatementErrorCode = keyof Area["statements"];

/** The top-level catalog key of the area files i18n-errors.{en,zh-CN}.ts. */
export const PROBLEMS = "problems";

/** The catalog key of an import error's code: the file problems live in the files area. */
export function importErrorKey(code: ImportErrorCode): string {
  return Object.hasOwn(filesEn.problems, code) ? `files.problems.${code}` : `${PROBLEMS}.import.${code}`;
}

export function msg(key: string, params?: Record<string, MsgParam>): Msg {
  return params ? { key, params } : { key };
}

/** Translate a message with any `t` (react-i18next's, or `translate` bound to a language). */
export function renderMsg(t: (key: string, params?: Record<string, string | number>) => string, m: Msg): string {
  if (!m.params) return t(m.key);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(m.params)) params[name] = typeof value === "object" ? renderMsg(t, value) : value;
  return t(m.key, params);
}

export function importErrorMsg(e: { code: ImportErrorCode; params?: Record<string, MsgParam> }): Msg {
  return msg(importErrorKey(e.code), e.params);
}

export function statementErrorMsg(e: { code: StatementErrorCode; params?: Record<string, MsgParam> }): Msg {
  return msg(`${PROBLEMS}.statements.${e.code}`, e.params);
}
