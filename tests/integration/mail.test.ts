/**
 * Statements by mail (issue 19) through a real SMTP server on loopback
 * (smtp-server, started here): a month of N employees yields N messages with
 * the right recipient, language and link; a 550 recipient is failed with the
 * server's reply; a refused connection leaves messages queued until the server
 * is back; a sender killed with SIGKILL mid-batch and restarted sends each
 * remaining message exactly once.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate, openDatabase, type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { CLI_ACTOR } from "~/models/audit.server";
import { createMailTransport, type MailTransport } from "~/models/mailer.server";
import { enqueueMonth, resolveLink, sendDue } from "~/models/statement-mail.server";
import { issueStatements } from "~/models/statement-issue.server";
import { formatMoney } from "~/hooks/use-format";
import { bodyOf, linkIn, loadMonth, residentId, startSmtp, subjectOf, type TestSmtp } from "./mail-helpers";
import { rawSql } from "../helpers/raw-sql";
import { closeDatabase } from "../../db/connection";

const ROOT = resolve(__dirname, "../..");
const N = 6; // E001 … E006 have addresses; E900 has none
const outbox = async (db: Db) =>
  (await rawSql(db).prepare("SELECT o.*, e.employee_no FROM mail_outbox o JOIN statements s ON s.id = o.statement_id JOIN employees e ON e.id = s.employee_id ORDER BY e.employee_no").all()) as {
    state: string;
    address: string;
    last_error: string | null;
    attempts: number;
    employee_no: string;
    message_id: string;
  }[];

let smtp: TestSmtp;
let transport: MailTransport | null = null;
const smtpTransport = (url: string) => (transport = createMailTransport({ dbPath: ":memory:", env: { SMTP_URL: url, MAIL_FROM: "HR <hr@acme.example>" } }));

beforeEach(async () => {
  smtp = await startSmtp();
});
afterEach(async () => {
  transport?.close();
  transport = null;
  await smtp.close();
});

async function issuedMonth(): Promise<Db> {
  const db = await openTestDatabase();
  await loadMonth(db, N - 1);
  const r = await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-31" }, CLI_ACTOR);
  expect(r).toMatchObject({ ok: true, issued: N + 1 });
  return db;
}

describe("sending a month through SMTP", () => {
  it("sends N messages to the right recipients, in their language, each with a link to their own statement and nothing private", async () => {
    const db = await issuedMonth();
    expect(await enqueueMonth(db, { employerCode: "ACME", period: "2026-03" }, CLI_ACTOR)).toEqual({ ok: true, queued: N, requeued: 0, already: 0, noAddress: 1 });
    const run = await sendDue(db, smtpTransport(smtp.url), { baseUrl: "https://shebao.example" });
    expect(run).toEqual({ sent: N, failed: 0, retrying: 0 });
    expect(smtp.received.map((m) => m.to).flat().sort()).toEqual(["e002@example.com", "e003@example.com", "e004@example.com", "e005@example.com", "e006@example.com", "li.wei@example.com"]);

    const byTo = new Map(smtp.received.map((m) => [m.to[0]!, m]));
    const en = byTo.get("e002@example.com")!;
    const zh = byTo.get("e003@example.com")!;
    expect(subjectOf(en.raw)).toBe("Your social-insurance statement for Mar 2026");
    expect(subjectOf(zh.raw)).toBe("您 2026年3月 的社会保险缴费明细");
    expect(bodyOf(zh.raw)).toContain("本月个人缴费");
    expect(bodyOf(en.raw)).toContain("Your own contributions for the month: ");

    for (const m of smtp.received) {
      const no = m.to[0] === "li.wei@example.com" ? "E001" : m.to[0]!.slice(0, 4).toUpperCase();
      const emp = (await rawSql(db).prepare("SELECT id, id_number FROM employees WHERE employee_no = ?").get(no)) as { id: number; id_number: string };
      const st = (await rawSql(db).prepare("SELECT id, figures FROM statements WHERE employee_id = ?").get(emp.id)) as { id: number; figures: string };
      const f = JSON.parse(st.figures) as { wage: number; base: number; employeeTotal: number };
      const text = bodyOf(m.raw);
      // The link opens this employee's statement, and only it.
      const link = await resolveLink(db, linkIn(text));
      expect(link).toMatchObject({ ok: true, statementId: st.id });
      expect(text).toContain(formatMoney(f.employeeTotal));
      // No identity number (nor its last 6), base or wage in the message.
      expect(m.raw).not.toContain(emp.id_number);
      expect(text).not.toContain(emp.id_number.slice(-6));
      expect(text).not.toContain(formatMoney(f.wage));
      expect(text).not.toContain(formatMoney(f.base));
      expect(m.messageId).toMatch(/^<shebao-\d+-1@acme\.example>$/);
    }
    expect((await outbox(db)).every((r) => r.state === "sent")).toBe(true);

    // A second click enqueues nothing and sends nothing.
    expect(await enqueueMonth(db, { employerCode: "ACME", period: "2026-03" }, CLI_ACTOR)).toMatchObject({ queued: 0, already: N });
    expect(await sendDue(db, transport!)).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(smtp.received).toHaveLength(N);
  });

  it("marks a recipient rejected with 550 failed with the server's reply, sends the others, and resends the failed on request", async () => {
    const db = await issuedMonth();
    smtp.reject.add("e003@example.com");
    await enqueueMonth(db, { employerCode: "ACME", period: "2026-03" }, CLI_ACTOR);
    expect(await sendDue(db, smtpTransport(smtp.url))).toEqual({ sent: N - 1, failed: 1, retrying: 0 });
    const failed = (await outbox(db)).filter((r) => r.state === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.address).toBe("e003@example.com");
    expect(failed[0]!.last_error).toMatch(/550.*Recipient address rejected: User unknown/);
    expect(smtp.received.map((m) => m.to[0])).not.toContain("e003@example.com");
    // The address is fixed at the server; HR resends the failed only.
    smtp.reject.clear();
    expect(await enqueueMonth(db, { employerCode: "ACME", period: "2026-03", which: "failed" }, CLI_ACTOR)).toMatchObject({ requeued: 1 });
    expect(await sendDue(db, transport!)).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(smtp.received.filter((m) => m.to[0] === "e003@example.com")).toHaveLength(1);
    expect(smtp.received).toHaveLength(N);
  });

  it("keeps messages queued while the server refuses connections and sends them once it is back", async () => {
    const db = await issuedMonth();
    const port = smtp.port;
    await smtp.close();
    await enqueueMonth(db, { employerCode: "ACME", period: "2026-03" }, CLI_ACTOR);
    const t0 = new Date();
    expect(await sendDue(db, smtpTransport(`smtp://127.0.0.1:${port}`), { now: () => t0 })).toEqual({ sent: 0, failed: 0, retrying: N });
    const rows = await outbox(db);
    expect(rows.every((r) => r.state === "queued" && r.attempts === 1)).toBe(true);
    expect(rows[0]!.last_error).toMatch(/ECONNREFUSED/);
    // Not due yet (backoff): nothing is tried.
    smtp = await startSmtp(port);
    expect(await sendDue(db, transport!, { now: () => t0 })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    // After the backoff: every message goes, once.
    expect(await sendDue(db, transport!, { now: () => new Date(t0.getTime() + 5 * 60_000) })).toEqual({ sent: N, failed: 0, retrying: 0 });
    expect(smtp.received).toHaveLength(N);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(N);
  });
});

describe("a sender killed mid-batch", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "shebao-mail-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function cli(path: string, args: string[]) {
    const child = spawn(process.execPath, ["--import", "tsx", "app/cli/main.ts", "--db", path, ...args], {
      cwd: ROOT,
      env: { ...process.env, SMTP_URL: smtp.url, MAIL_FROM: "HR <hr@acme.example>", DATABASE_PATH: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((res) => child.on("exit", (code, signal) => res({ code, signal, out })));
    return { child, done };
  }

  it("sends each remaining message exactly once after a restart", async () => {
    const path = join(dir, "kill.db");
    const db = openDatabase(path);
    await migrate(db);
    await loadMonth(db, N - 1);
    expect((await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-31" }, CLI_ACTOR)).ok).toBe(true);

    // The third message arrives: the sender is killed before the server answers it.
    const first = cli(path, ["statements", "send", "--employer", "ACME", "--period", "2026-03"]);
    let seen = 0;
    smtp.onMessage = () => {
      seen++;
      if (seen === 3) {
        first.child.kill("SIGKILL");
        return false;
      }
    };
    const killed = await first.done;
    expect(killed.signal).toBe("SIGKILL");
    expect(smtp.received).toHaveLength(2);
    const mid = await rawSql(db).prepare("SELECT state, count(*) AS n FROM mail_outbox GROUP BY state ORDER BY state").all();
    expect(mid).toEqual([
      { state: "queued", n: N - 3 },
      { state: "sending", n: 1 },
      { state: "sent", n: 2 },
    ]);

    smtp.onMessage = undefined;
    const second = await cli(path, ["statements", "send", "--employer", "ACME", "--period", "2026-03"]).done;
    expect(second.out).toMatch(/queued 0, queued again 0, already queued or sent 6/);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/sent 4, failed 0/);
    // Every address received exactly one message; every row is sent.
    const to = smtp.received.map((m) => m.to[0]!).sort();
    expect(to).toHaveLength(N);
    expect(new Set(to).size).toBe(N);
    expect(await rawSql(db).prepare("SELECT state, count(*) AS n FROM mail_outbox GROUP BY state").all()).toEqual([{ state: "sent", n: N }]);
    await closeDatabase(db);
  }, 60_000);
});

describe("the fixture", () => {
  it("makes valid resident identity numbers", () => {
    expect(residentId(2)).toMatch(/^\d{17}[\dX]$/);
  });
});
