/**
 * The mail transport (issue 19): nodemailer over SMTP when `SMTP_URL` is set
 * (`smtp://user:pass@host:587`, STARTTLS where the server offers it), else
 * `.eml` files in the outbox directory (the demo): `MAIL_OUTBOX_DIR`, else
 * `outbox/` beside the database (`data/outbox/` by default).
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import nodemailer from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** `<…@…>`, the same on every attempt of one message. */
  messageId: string;
  /** A unique file name stem for the `.eml` of this attempt (same stem → same file, no duplicate). */
  fileStem: string;
}

export type SendOutcome =
  | { ok: true; response: string }
  /** `permanent`: a 5xx reply (the message is failed); else temporary (retried). */
  | { ok: false; permanent: boolean; error: string };

export interface MailTransport {
  mode: "smtp" | "outbox";
  /** Where `.eml` files go in outbox mode. */
  outboxDir: string | null;
  from: string;
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): void;
}

export function mailFrom(env: Record<string, string | undefined> = process.env): string {
  return env.MAIL_FROM?.trim() || "Shebao <no-reply@shebao.invalid>";
}

export function outboxDirFor(dbPath: string, env: Record<string, string | undefined> = process.env): string {
  return env.MAIL_OUTBOX_DIR?.trim() ? resolve(env.MAIL_OUTBOX_DIR) : join(dirname(resolve(dbPath === ":memory:" ? "data/x" : dbPath)), "outbox");
}

export function mailMode(env: Record<string, string | undefined> = process.env): "smtp" | "outbox" {
  return env.SMTP_URL?.trim() ? "smtp" : "outbox";
}

/** The domain of the sender, for Message-IDs. */
export function fromDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m ? m[1]! : "shebao.invalid";
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

/** 5xx replies are permanent; 4xx replies and connection problems are temporary. */
export function classifySmtpError(e: unknown): { permanent: boolean; error: string } {
  const err = (e ?? {}) as SmtpError;
  const code = typeof err.responseCode === "number" ? err.responseCode : null;
  const text = err.response || err.message || String(e);
  return { permanent: code !== null && code >= 500 && code < 600, error: text.slice(0, 1000) };
}

export function createMailTransport(opts: { dbPath: string; env?: Record<string, string | undefined> }): MailTransport {
  const env = opts.env ?? process.env;
  const from = mailFrom(env);
  const url = env.SMTP_URL?.trim();
  if (url) {
    const t = nodemailer.createTransport(url);
    return {
      mode: "smtp",
      outboxDir: null,
      from,
      send: (m) =>
        attempt(async () => {
          const info = await t.sendMail(envelope(from, m));
          // One recipient per message: a rejected recipient is a rejected message.
          if (info.rejected.length > 0) {
            const r = info.rejectedErrors?.[0];
            return { ok: false, ...classifySmtpError(r ?? { message: "recipient rejected" }) };
          }
          return { ok: true, response: info.response };
        }, classifySmtpError),
      close: () => t.close(),
    };
  }
  const dir = outboxDirFor(opts.dbPath, env);
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    mode: "outbox",
    outboxDir: dir,
    from,
    send: (m) =>
      attempt(async () => {
        const info = await t.sendMail(envelope(from, m));
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${m.fileStem}.eml`);
        // Write then rename: a crash leaves no half-written message, and a retry overwrites the same file.
        writeFileSync(`${file}.tmp`, info.message as Buffer);
        renameSync(`${file}.tmp`, file);
        return { ok: true, response: `written to ${file}` };
      }, (e) => ({ permanent: false, error: (e as Error).message })),
    close: () => t.close(),
  };
}

/** One message as nodemailer takes it. */
function envelope(from: string, m: OutgoingMail) {
  return { from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId };
}

/** A sending step; what it throws is a failed outcome, worded by `failure` (the SMTP reply's class, or a file error). */
async function attempt(step: () => Promise<SendOutcome>, failure: (e: unknown) => Omit<Extract<SendOutcome, { ok: false }>, "ok">): Promise<SendOutcome> {
  try {
    return await step();
  } catch (e) {
    return { ok: false, ...failure(e) };
  }
}
