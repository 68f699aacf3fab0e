/** Reading the messages Shebao writes (.eml) or an SMTP server receives: no app imports, so Playwright can use it too. */
export function split(raw: string): { header: string; body: string } {
  const sep = raw.search(/\r?\n\r?\n/);
  return { header: raw.slice(0, sep), body: raw.slice(sep).replace(/^\r?\n\r?\n/, "") };
}

export function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, "utf8"));
  }
  return Buffer.from(bytes);
}

/** The text of a single-part message, decoded (base64 or quoted-printable). */
export function bodyOf(raw: string): string {
  const { header, body } = split(raw);
  if (/^Content-Transfer-Encoding:\s*base64/im.test(header)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/^Content-Transfer-Encoding:\s*quoted-printable/im.test(header)) return qpBytes(body.replace(/=\r?\n/g, "")).toString("utf8");
  return body;
}

/** The Subject header, its encoded words decoded. */
export function subjectOf(raw: string): string {
  const m = /^Subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(split(raw).header);
  if (!m) return "";
  return m[1]!
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/\r?\n[ \t]/g, " ")
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      (enc.toUpperCase() === "B" ? Buffer.from(text, "base64") : qpBytes(text.replace(/_/g, " "))).toString("utf8"),
    )
    .trim();
}

export function linkIn(text: string): string {
  const m = /https?:\/\/\S+\/s\/([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no statement link in:\n${text}`);
  return m[1]!;
}
