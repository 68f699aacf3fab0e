/** Rendering coded messages (app/lib/messages.ts) in the reader's language. */
import { useTranslation } from "react-i18next";
import { importErrorKey, msg, PROBLEMS, renderMsg, type ImportErrorCode, type Msg, type MsgParam, type StatementErrorCode } from "~/lib/messages";

type LooseT = (key: string, params?: Record<string, string | number>) => string;

/** `(message) => text` in the current language; a key missing from the catalog shows as the key (the tests forbid that). */
export function useRenderMsg(): (m: Msg) => string {
  const { i18n } = useTranslation();
  const t = i18n.t.bind(i18n) as unknown as LooseT;
  return (m) => renderMsg(t, m);
}

export function importErrorMsg(e: { code: ImportErrorCode; params?: Record<string, MsgParam> }): Msg {
  return msg(importErrorKey(e.code), e.params);
}

export function statementErrorMsg(e: { code: StatementErrorCode; params?: Record<string, MsgParam> }): Msg {
  return msg(`${PROBLEMS}.statements.${e.code}`, e.params);
}
