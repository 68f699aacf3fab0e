/**
 * Numbers as people type them, shared by the imports and the forms (issue 18):
 * full-width digits, grouping commas, `¥` / `￥` marks. Pure.
 */

/** Full-width ASCII (`０１２`, `，`, `．`) and the ideographic space → ASCII. */
export function toAscii(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/** `8,000.00`, `¥8,000`, `￥8,000.00`, `８０００元` → `8000.00`-style plain yuan text; anything else comes back trimmed (and is refused by parseYuan). */
export function plainYuanText(text: string): string {
  let s = toAscii(text).replace(/\uffe5/g, "¥").trim();
  let sign = "";
  if (s.startsWith("-")) {
    sign = "-";
    s = s.slice(1).trim();
  }
  s = s.replace(/^(¥|RMB|CNY)\s*/i, "").replace(/\s*元$/, "");
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  return sign + s;
}
