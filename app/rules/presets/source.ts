/**
 * Where a shipped figure comes from. Every preset value and every calendar
 * year carries one: the notice's title, the body that issued it, its document
 * number, its date, and the address where the text was read. Pure data,
 * browser-safe (no DB, no clock).
 */
export interface Source {
  /** The notice's title, as published. */
  title: string;
  /** The issuing body. */
  issuer: string;
  /** The document number (文号); null where the page read shows none. */
  number: string | null;
  /** The notice's date, `YYYY-MM-DD`. */
  date: string;
  /** The address where the text was read. */
  readAt: string;
}

/** A source is complete when every field the reader needs is there (number may be null only if the page showed none). */
export function isCompleteSource(s: Source | undefined | null): s is Source {
  return (
    !!s &&
    s.title.trim() !== "" &&
    s.issuer.trim() !== "" &&
    /^\d{4}-\d{2}-\d{2}$/.test(s.date) &&
    /^https?:\/\/\S+$/.test(s.readAt) &&
    (s.number === null || s.number.trim() !== "")
  );
}

/** One line for a terminal or a footnote. */
export function sourceLine(s: Source): string {
  return `${s.title} (${s.issuer}${s.number ? `, ${s.number}` : ""}, ${s.date}), read at ${s.readAt}`;
}
