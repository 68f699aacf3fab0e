/** Rendering coded messages (app/shared/messages.ts) in the reader's language. */
import { useTranslation } from "react-i18next";
import { renderMsg, type Msg } from "~/shared/messages";

type LooseT = (key: string, params?: Record<string, string | number>) => string;

/** `(message) => text` in the current language; a key missing from the catalog shows as the key (the tests forbid that). */
export function useRenderMsg(): (m: Msg) => string {
  const { i18n } = useTranslation();
  const t = i18n.t.bind(i18n) as unknown as LooseT;
  return (m) => renderMsg(t, m);
}
