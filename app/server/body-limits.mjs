/**
 * Request bodies, checked by server.mjs before Remix (or any action) sees them.
 *
 * Plain JavaScript so that server.mjs (not compiled) and the TypeScript tests
 * import the one implementation (like same-origin.mjs).
 *
 * - A size limit per path: BODY_LIMIT_IMPORTS for `/imports` (a 20 MB file plus
 *   the form around it), BODY_LIMIT_FORMS for everything else (sign-in and
 *   every plain form). Checked against `Content-Length` before reading and
 *   while streaming (body-parser's raw reader): 413.
 * - Only forms: `application/x-www-form-urlencoded` or `multipart/form-data`
 *   with a boundary. An empty body without a type is an empty form (a bare
 *   `curl -X POST`); any other type, or a body without a type: 415.
 * - A multipart body must parse (the same parser `request.formData()` uses),
 *   and no field name or file name may hold control characters: 400.
 * The answer is short plain text in the reader's language; the refused values
 * are never echoed or logged.
 */

export const BODY_LIMIT_FORMS = 64 * 1024;
export const BODY_LIMIT_IMPORTS = 20 * 1024 * 1024 + 64 * 1024;

/** C0 controls, DEL, C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** @param {string} path */
export function bodyLimitFor(path) {
  return path === "/imports" || path === "/imports/" ? BODY_LIMIT_IMPORTS : BODY_LIMIT_FORMS;
}

const MESSAGES = {
  en: {
    tooLarge: (limit) => `The request is too large (at most ${limit}).`,
    unsupported: "This address accepts form submissions only (application/x-www-form-urlencoded or multipart/form-data).",
    malformed: "The form data could not be read. Reload the page and submit the form again.",
    badName: "A file name or field name holds control characters. Rename the file and try again.",
  },
  "zh-CN": {
    tooLarge: (limit) => `请求过大（上限 ${limit}）。`,
    unsupported: "此地址只接受表单提交（application/x-www-form-urlencoded 或 multipart/form-data）。",
    malformed: "无法读取表单数据。请刷新页面后重新提交。",
    badName: "文件名或字段名中含有控制字符。请重命名文件后重试。",
  },
};

/**
 * The reader's language: the `lng` cookie (Remix stores it base64-encoded JSON), else Accept-Language.
 * @param {{ cookie?: string | null; acceptLanguage?: string | null }} headers
 * @returns {"en" | "zh-CN"}
 */
export function bodyMessageLanguage({ cookie, acceptLanguage }) {
  const match = /(?:^|;\s*)lng=([^;]*)/.exec(cookie ?? "");
  if (match) {
    let value = decodeURIComponentSafe(match[1]);
    try {
      value = Buffer.from(value, "base64").toString("utf8");
    } catch {
      /* keep the raw value */
    }
    if (value.includes("zh")) return "zh-CN";
    if (value.includes("en")) return "en";
  }
  return /^\s*zh/i.test(acceptLanguage ?? "") ? "zh-CN" : "en";
}

function decodeURIComponentSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function formatLimit(bytes) {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.floor(bytes / 1024)} KB`;
}

/**
 * @typedef {{ ok: true; contentType: string } | { ok: false; status: 400 | 413 | 415; code: "tooLarge" | "unsupported" | "malformed" | "badName" }} BodyVerdict
 */

/**
 * Before reading: the declared length and the type.
 * @param {{ contentType?: string | null; contentLength?: string | null; chunked?: boolean; limit: number }} request
 * @returns {BodyVerdict}
 */
export function checkBodyHeaders({ contentType, contentLength, chunked = false, limit }) {
  if (contentLength != null && contentLength !== "") {
    const n = Number(contentLength);
    if (!Number.isSafeInteger(n) || n < 0) return { ok: false, status: 400, code: "malformed" };
    if (n > limit) return { ok: false, status: 413, code: "tooLarge" };
  }
  const hasBody = chunked || (contentLength != null && contentLength !== "" && Number(contentLength) > 0);
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "") return hasBody ? { ok: false, status: 415, code: "unsupported" } : { ok: true, contentType: "application/x-www-form-urlencoded" };
  if (type === "application/x-www-form-urlencoded") return { ok: true, contentType: contentType };
  if (type === "multipart/form-data") {
    if (!/;\s*boundary=/i.test(contentType ?? "")) return { ok: false, status: 400, code: "malformed" };
    return { ok: true, contentType: contentType };
  }
  return { ok: false, status: 415, code: "unsupported" };
}

/**
 * After reading: a multipart body must parse, and no name may hold control characters.
 * @param {Buffer} body
 * @param {string} contentType
 * @returns {Promise<BodyVerdict>}
 */
export async function checkBodyContent(body, contentType) {
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data") {
    if (type === "application/x-www-form-urlencoded") {
      for (const key of new URLSearchParams(body.toString("utf8")).keys()) {
        if (CONTROL.test(key)) return { ok: false, status: 400, code: "badName" };
      }
    }
    return { ok: true, contentType };
  }
  let form;
  try {
    form = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return { ok: false, status: 400, code: "malformed" };
  }
  for (const [key, value] of form) {
    if (CONTROL.test(key)) return { ok: false, status: 400, code: "badName" };
    if (typeof value !== "string" && CONTROL.test(value.name)) return { ok: false, status: 400, code: "badName" };
  }
  return { ok: true, contentType };
}

/**
 * The plain-text answer to a refused body.
 * @param {"tooLarge" | "unsupported" | "malformed" | "badName"} code
 * @param {"en" | "zh-CN"} language
 * @param {number} limit
 */
export function bodyMessage(code, language, limit) {
  const m = MESSAGES[language] ?? MESSAGES.en;
  return code === "tooLarge" ? m.tooLarge(formatLimit(limit)) : m[code];
}
