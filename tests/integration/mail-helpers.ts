/** Shared by the mail tests: a small month of employees with addresses, and a real SMTP server on loopback. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import type { Db } from "../../db/connection";
import { CLI_ACTOR } from "~/models/audit.server";
import { runImport } from "~/models/import.server";
import { residentIdCheckChar } from "~/rules/identity";
import { CASES_DIR } from "../helpers/golden";
import { rawSql } from "../helpers/raw-sql";

const CASE = join(CASES_DIR, "worked-examples");

export function residentId(seq: number): string {
  const first17 = `11010519800101${String(seq % 1000).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/**
 * The worked example (ACME, E001 with li.wei@example.com) plus `extra` more
 * employees hired in January 2026: E002… with `e002@example.com`… (E00n's
 * language is English when n is even), and one (E900) without an address.
 */
export async function loadMonth(db: Db, extra: number): Promise<void> {
  for (const kind of ["employers", "policies", "employees", "declarations", "payments"] as const) {
    const r = await runImport(db, kind, readFileSync(join(CASE, `${kind}.csv`), "utf8"), CLI_ACTOR);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  }
  const lines = ["employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage"];
  for (let i = 2; i < extra + 2; i++) {
    const no = `E${String(i).padStart(3, "0")}`;
    lines.push(`${no},Worker ${i},,${residentId(i)},ACME,2026-01-05,,Ops,${no.toLowerCase()}@example.com,9000.00`);
  }
  lines.push(`E900,No Mail,,${residentId(900)},ACME,2026-01-05,,Ops,,9000.00`);
  const r = await runImport(db, "employees", lines.join("\n") + "\n", CLI_ACTOR);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  await rawSql(db).prepare("UPDATE employees SET mail_locale = 'en' WHERE CAST(substr(employee_no, 2) AS INTEGER) % 2 = 0").run();
}

export interface Received {
  to: string[];
  raw: string;
  messageId: string;
}

export interface TestSmtp {
  port: number;
  url: string;
  received: Received[];
  /** Recipients the server refuses with 550 at RCPT TO. */
  reject: Set<string>;
  /** Called with each message before it is accepted; return false to drop the connection instead. */
  onMessage?: (m: Received) => boolean | void;
  close(): Promise<void>;
}

/** smtp-server on 127.0.0.1 with a random port; no STARTTLS, no authentication. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const state: TestSmtp = {
    port: 0,
    url: "",
    received: [],
    reject: new Set(),
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (state.reject.has(address.address)) {
        const err = Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? "";
        const m = { to: session.envelope.rcptTo.map((r) => r.address), raw, messageId };
        if (state.onMessage?.(m) === false) return; // never answered: the client never gets its 250
        state.received.push(m);
        callback(null, `Queued as ${state.received.length}`);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  state.port = (server.server.address() as { port: number }).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

export { bodyOf, linkIn, subjectOf } from "../helpers/eml";
