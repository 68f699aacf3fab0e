/**
 * The link, the answer and the evidence (issue 19, 21.10): a token opens one
 * statement after the last-6 check, throttled; expired, revoked or borrowed
 * tokens open nothing. Acknowledge, dispute, answer, correct (sent again as a
 * correction). Concurrent corrections: the stale one is refused. Invites and
 * "forgot password". The deliveries report. Recorded-later statements.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { rawSql } from "../helpers/raw-sql";
import { closeDatabase } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { runCli } from "~/cli/main";
import { CLI_ACTOR } from "~/models/audit.server";
import { checkPasswordToken, inviteEmployees, requestPasswordReset, setPasswordWithToken } from "~/models/invite.server";
import { createMailTransport, type MailTransport } from "~/models/mailer.server";
import {
  answerDispute,
  deliveries,
  deliveryCounts,
  enqueueMonth,
  LINK_TTL_MS,
  mailAttention,
  openDisputes,
  respondToStatement,
  revokeLinks,
  sendDue,
  setMailLocale,
  statementForGrant,
  verifyLast6,
} from "~/models/statement-mail.server";
import { issueStatements } from "~/models/statement-issue.server";
import { signIn } from "~/models/session.server";
import { bodyOf, linkIn, loadMonth, subjectOf } from "./mail-helpers";

let dir: string;
let db: Db;
let transport: MailTransport;
const HR = { userId: null, label: "hr@example.com" };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "shebao-links-"));
  db = await openTestDatabase();
  await loadMonth(db, 3); // E001 … E004, E900
  transport = createMailTransport({ dbPath: join(dir, "x.db"), env: {} });
});
afterEach(() => {
  transport.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The .eml messages written so far, by recipient. */
function messages(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of readdirSync(join(dir, "outbox")).sort()) {
    const raw = readFileSync(join(dir, "outbox", f), "utf8");
    const to = /^To:\s*(\S+)/im.exec(raw)![1]!;
    out.set(to, [...(out.get(to) ?? []), raw]);
  }
  return out;
}

const idOf = async (no: string) => ((await rawSql(db).prepare("SELECT id, id_number FROM employees WHERE employee_no = ?").get<{ id: number; id_number: string }>(no))!);
const statementOf = async (no: string, version = 1) =>
  ((await rawSql(db).prepare("SELECT s.id FROM statements s JOIN employees e ON e.id = s.employee_id WHERE e.employee_no = ? AND s.version = ?").get<{ id: number }>(no, version))!).id;

async function sendMarch(): Promise<Map<string, string[]>> {
  expect((await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-31" }, CLI_ACTOR)).ok).toBe(true);
  await enqueueMonth(db, { employerCode: "ACME", period: "2026-03" }, HR);
  await sendDue(db, transport, { baseUrl: "https://shebao.example" });
  return messages();
}

describe("the link", () => {
  it("opens its statement only after the right last 6 characters, and throttles wrong guesses", async () => {
    const mail = await sendMarch();
    expect(transport.mode).toBe("outbox");
    const token = linkIn(bodyOf(mail.get("e002@example.com")![0]!));
    const last6 = (await idOf("E002")).id_number.slice(-6);
    const now = new Date();
    expect(await verifyLast6(db, { token, last6: "000000", address: "1.2.3.4" }, now)).toEqual({ ok: false, reason: "wrong" });
    const right = await verifyLast6(db, { token, last6: last6.toLowerCase(), address: "1.2.3.4" }, now);
    expect(right).toMatchObject({ ok: true, statementId: await statementOf("E002") });
    const grant = right.ok ? right.grant : "";
    expect(await statementForGrant(db, token, grant, now)).toMatchObject({ statementId: await statementOf("E002"), employeeId: (await idOf("E002")).id });
    // The grant expires; it never was a session.
    expect(await statementForGrant(db, token, grant, new Date(now.getTime() + 31 * 60_000))).toBeNull();
    expect(await rawSql(db).prepare("SELECT count(*) AS n FROM sessions").get()).toEqual({ n: 0 });

    // Five wrong guesses: then even the right answer is refused for 15 minutes.
    for (let i = 0; i < 5; i++) expect(await verifyLast6(db, { token, last6: `12345${i}`, address: "5.6.7.8" }, now)).toMatchObject({ ok: false });
    expect(await verifyLast6(db, { token, last6, address: "5.6.7.8" }, now)).toEqual({ ok: false, reason: "throttled" });
    expect(await verifyLast6(db, { token, last6, address: "5.6.7.8" }, new Date(now.getTime() + 16 * 60_000))).toMatchObject({ ok: true });
  });

  it("opens nothing when expired, revoked, or borrowed for another statement", async () => {
    const mail = await sendMarch();
    const tokenA = linkIn(bodyOf(mail.get("e002@example.com")![0]!));
    const tokenB = linkIn(bodyOf(mail.get("e003@example.com")![0]!));
    const a6 = (await idOf("E002")).id_number.slice(-6);
    const later = new Date(Date.now() + LINK_TTL_MS + 60_000);
    expect(await verifyLast6(db, { token: tokenA, last6: a6, address: "a" }, later)).toEqual({ ok: false, reason: "expired" });
    // A's last 6 does not open B's statement, and A's grant does not work with B's token.
    expect(await verifyLast6(db, { token: tokenB, last6: a6, address: "a" })).toEqual({ ok: false, reason: "wrong" });
    const grantA = await verifyLast6(db, { token: tokenA, last6: a6, address: "a" });
    expect(grantA.ok).toBe(true);
    expect(await statementForGrant(db, tokenB, grantA.ok ? grantA.grant : "")).toBeNull();
    await revokeLinks(db, await statementOf("E002"), HR);
    expect(await statementForGrant(db, tokenA, grantA.ok ? grantA.grant : "")).toBeNull();
    expect(await verifyLast6(db, { token: tokenA, last6: a6, address: "a" })).toEqual({ ok: false, reason: "revoked" });
    expect(await verifyLast6(db, { token: "not-a-token-at-all-xxxxxxxxxxxxxxxxxxx", last6: a6, address: "a" })).toEqual({ ok: false, reason: "unknown" });
  });
});

describe("acknowledge, dispute, answer, correct", () => {
  it("records the answers, queues disputes for HR, and sends the correction as a correction", async () => {
    await sendMarch();
    const s2 = await statementOf("E002");
    const s3 = await statementOf("E003");
    const s4 = await statementOf("E004");
    expect(await respondToStatement(db, { statementId: s2, employeeId: (await idOf("E002")).id, kind: "acknowledged", via: "link" }, CLI_ACTOR)).toEqual({ ok: true });
    expect(await respondToStatement(db, { statementId: s2, employeeId: (await idOf("E002")).id, kind: "disputed", reason: "x", via: "link" }, CLI_ACTOR)).toEqual({ ok: false, code: "alreadyAnswered" });
    expect(await respondToStatement(db, { statementId: s3, employeeId: (await idOf("E003")).id, kind: "disputed", reason: " ", via: "portal" }, CLI_ACTOR)).toEqual({ ok: false, code: "reasonRequired" });
    // Another employee's statement is not found.
    expect(await respondToStatement(db, { statementId: s3, employeeId: (await idOf("E002")).id, kind: "acknowledged", via: "portal" }, CLI_ACTOR)).toEqual({ ok: false, code: "notFound" });
    expect(await respondToStatement(db, { statementId: s3, employeeId: (await idOf("E003")).id, kind: "disputed", reason: "My wage rose in March", via: "link" }, CLI_ACTOR)).toEqual({ ok: true });
    expect(await respondToStatement(db, { statementId: s4, employeeId: (await idOf("E004")).id, kind: "disputed", reason: "Wrong department", via: "portal" }, CLI_ACTOR)).toEqual({ ok: true });
    expect((await openDisputes(db)).map((d) => [d.employeeNo, d.reason])).toEqual([
      ["E003", "My wage rose in March"],
      ["E004", "Wrong department"],
    ]);
    expect((await mailAttention(db)).openDisputes).toBe(2);

    // HR answers one in writing and corrects the other; the correction is sent again.
    expect(await answerDispute(db, { statementId: s4, answer: "The department is not on the statement." }, HR)).toEqual({ ok: true });
    expect(await answerDispute(db, { statementId: s4, answer: "again" }, HR)).toEqual({ ok: false, code: "notOpen" });
    expect(await issueStatements(db, { employerCode: "ACME", period: "2026-03", employeeNo: "E003", issuedOn: "2026-04-02", reason: "wage corrected", corrects: 1 }, HR)).toMatchObject({ ok: true, corrected: 1 });
    expect(await openDisputes(db)).toEqual([]);
    await sendDue(db, transport, { baseUrl: "https://shebao.example" });
    const to3 = messages().get("e003@example.com")!;
    expect(to3).toHaveLength(2);
    expect(subjectOf(to3[1]!)).toBe("更正：您 2026年3月 的社会保险缴费明细（第 2 版）");
    expect(await respondToStatement(db, { statementId: s3, employeeId: (await idOf("E003")).id, kind: "acknowledged", via: "link" }, CLI_ACTOR)).toEqual({ ok: false, code: "superseded" });

    const rows = (await deliveries(db, "ACME", "2026-03"))!;
    const byNo = new Map(rows.map((r) => [r.employeeNo, r]));
    expect(byNo.get("E002")).toMatchObject({ version: 1, sendState: "sent", acknowledgedAt: expect.any(String), firstViewedAt: expect.any(String) });
    expect(byNo.get("E003")).toMatchObject({ version: 2, sendState: "sent", disputedAt: null });
    expect(byNo.get("E004")).toMatchObject({ disputeState: "answered", answer: "The department is not on the statement." });
    expect(byNo.get("E900")).toMatchObject({ sendState: null, email: "" });
    expect(deliveryCounts(rows)).toMatchObject({ issued: 5, sent: 4, acknowledged: 1, disputed: 1, openDisputes: 0 });
    const actions = ((await rawSql(db).prepare("SELECT action FROM audit_log WHERE entity = 'statement'").all<{ action: string }>())!).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["send", "mail_sent", "acknowledge", "dispute", "resolve_dispute", "correct"]));
  });

  it("refuses the second of two concurrent corrections, naming the newer version (21.10)", async () => {
    expect((await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-31" }, CLI_ACTOR)).ok).toBe(true);
    // Both HR users loaded version 1 and correct it.
    const first = await issueStatements(db, { employerCode: "ACME", period: "2026-03", employeeNo: "E002", issuedOn: "2026-04-01", reason: "first", corrects: 1 }, HR);
    expect(first).toMatchObject({ ok: true, corrected: 1 });
    const second = await issueStatements(db, { employerCode: "ACME", period: "2026-03", employeeNo: "E002", issuedOn: "2026-04-01", reason: "second", corrects: 1 }, HR);
    expect(second.ok).toBe(false);
    expect(second.ok ? [] : second.problems).toEqual([{ code: "staleVersion", params: { employeeNo: "E002", period: "2026-03", version: 2, corrects: 1 } }]);
    expect(second.ok ? "" : second.errors.join()).toMatch(/version 2/);
    expect(await rawSql(db).prepare("SELECT max(version) AS v FROM statements WHERE employee_id = ?").get((await idOf("E002")).id)).toEqual({ v: 2 });
  });
});

describe("the employee's language", () => {
  it("sends in the language the employee chose, including messages still queued", async () => {
    expect((await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-31" }, CLI_ACTOR)).ok).toBe(true);
    await enqueueMonth(db, { employerCode: "ACME", period: "2026-03" }, HR);
    expect(await setMailLocale(db, (await idOf("E003")).id, "en", CLI_ACTOR)).toBe(true);
    expect(await setMailLocale(db, (await idOf("E002")).id, "fr", CLI_ACTOR)).toBe(false);
    await sendDue(db, transport, { baseUrl: "https://shebao.example" });
    expect(subjectOf(messages().get("e003@example.com")![0]!)).toBe("Your social-insurance statement for Mar 2026");
    expect(subjectOf(messages().get("li.wei@example.com")![0]!)).toBe("您 2026年3月 的社会保险缴费明细");
  });
});

describe("invites and forgotten passwords", () => {
  it("invites the month's employees with an address once, with a single-use 7-day link that does not sign in", async () => {
    const r = await inviteEmployees(db, { employerCode: "ACME", period: "2026-03" }, HR);
    expect(r).toEqual({ ok: true, invited: 4, noAddress: 1, active: 0, pending: 0, conflict: 0 });
    expect(await inviteEmployees(db, { employerCode: "ACME", period: "2026-03" }, HR)).toMatchObject({ invited: 0, pending: 4 });
    await sendDue(db, transport, { baseUrl: "https://shebao.example" });
    const raw = messages().get("e002@example.com")![0]!;
    expect(subjectOf(raw)).toBe("Your access to your social-insurance statements");
    const token = /\/set-password\/([A-Za-z0-9_-]+)/.exec(bodyOf(raw))![1]!;
    expect(await checkPasswordToken(db, token)).toMatchObject({ ok: true, email: "e002@example.com", purpose: "invite" });
    expect(await checkPasswordToken(db, token, new Date(Date.now() + 8 * 86_400_000))).toEqual({ ok: false, reason: "expired" });
    // No usable password before the link is used.
    expect(await signIn(db, { email: "e002@example.com", password: "!", address: "x" })).toEqual({ ok: false });
    expect(await setPasswordWithToken(db, { token, newPassword: "short", confirmPassword: "short" })).toEqual({ ok: false, errors: { newPassword: { code: "passwordTooShort" } } });
    expect(await setPasswordWithToken(db, { token, newPassword: "a long enough passphrase", confirmPassword: "a long enough passphrase" })).toEqual({ ok: true, email: "e002@example.com" });
    expect(await setPasswordWithToken(db, { token, newPassword: "another long passphrase", confirmPassword: "another long passphrase" })).toEqual({ ok: false, token: { ok: false, reason: "used" } });
    expect(await rawSql(db).prepare("SELECT count(*) AS n FROM sessions").get()).toEqual({ n: 0 });
    expect(await signIn(db, { email: "e002@example.com", password: "a long enough passphrase", address: "x" })).toMatchObject({ ok: true });
    expect(await inviteEmployees(db, { employerCode: "ACME", employeeNo: "E002" }, HR)).toMatchObject({ invited: 0, active: 1 });
  });

  it("invites one employee from the command line and writes the message to the outbox", async () => {
    const path = join(dir, "invite.db");
    const out = { text: "", write(c: string) { this.text += c; return true; } };
    const err = { text: "", write(c: string) { this.text += c; return true; } };
    expect(await runCli(["--db", path, "migrate"], { stdout: out, stderr: err })).toBe(0);
    const fileDb = (await import("../../db/connection")).openDatabase(path);
    await loadMonth(fileDb, 2);
    await closeDatabase(fileDb);
    const env = process.env.MAIL_OUTBOX_DIR;
    process.env.MAIL_OUTBOX_DIR = join(dir, "outbox");
    try {
      expect(await runCli(["--db", path, "statements", "invite", "--employer", "ACME", "--employee", "E003"], { stdout: out, stderr: err })).toBe(0);
    } finally {
      if (env === undefined) delete process.env.MAIL_OUTBOX_DIR;
      else process.env.MAIL_OUTBOX_DIR = env;
    }
    expect(out.text).toMatch(/invited 1, already active 0/);
    expect(out.text).toMatch(/sent 1, failed 0/);
    expect([...messages().keys()]).toEqual(["e003@example.com"]);
    expect(bodyOf(messages().get("e003@example.com")![0]!)).toMatch(/\/set-password\/[A-Za-z0-9_-]{40,}/);
  });

  it("answers 'forgot password' the same whatever the address, and sends only to an account", async () => {
    await inviteEmployees(db, { employerCode: "ACME", period: "2026-03" }, HR);
    const before = ((await rawSql(db).prepare("SELECT count(*) AS n FROM mail_outbox").get<{ n: number }>())!).n;
    expect(await requestPasswordReset(db, "nobody@example.com", "x")).toBeUndefined();
    expect(await requestPasswordReset(db, "E003@example.com ", "x")).toBeUndefined();
    expect(await requestPasswordReset(db, "e003@example.com", "x")).toBeUndefined(); // within 15 minutes: nothing more
    const rows = await rawSql(db).prepare("SELECT kind, address FROM mail_outbox WHERE kind = 'reset'").all();
    expect(rows).toEqual([{ kind: "reset", address: "e003@example.com" }]);
    expect(((await rawSql(db).prepare("SELECT count(*) AS n FROM mail_outbox").get<{ n: number }>())!).n).toBe(before + 1);
  });
});

describe("evidence that cannot be back-dated", () => {
  it("marks a statement the CLI records with an earlier --on as recorded later, keeps the claimed date, and reports both", async () => {
    const path = join(dir, "cli.db");
    const io = () => {
      let out = "";
      let err = "";
      return { stdout: { write: (c: string) => ((out += c), true) }, stderr: { write: (c: string) => ((err += c), true) }, get out() { return out; }, get err() { return err; } };
    };
    expect(await runCli(["--db", path, "migrate"], io())).toBe(0);
    const fileDb = (await import("../../db/connection")).openDatabase(path);
    await loadMonth(fileDb, 1);
    await closeDatabase(fileDb);
    const issue = io();
    expect(await runCli(["--db", path, "statements", "issue", "--employer", "ACME", "--period", "2026-03", "--on", "2026-03-31"], issue)).toBe(0);
    expect(issue.err).toMatch(/recorded later \(issued outside Shebao\): dated 2026-03-31, recorded \d{4}-\d{2}-\d{2}/);
    const report = io();
    expect(await runCli(["--db", path, "report", "deliveries", "--employer", "ACME", "--period", "2026-03"], report)).toBe(0);
    const lines = report.out.trim().split("\n");
    expect(lines[0]).toBe("employee_no,version,issued_on,recorded_later,recorded_at,sent_at,send_state,send_error,first_viewed_at,acknowledged_at,disputed_at,dispute_state");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^E001,1,2026-03-31,yes,\d{4}-\d{2}-\d{2}T[\d:.]+Z,,,,,,,$/);
    expect(lines[3]).toMatch(/^E900,1,2026-03-31,yes,[^,]+,,no_address,/);
    // The same report as an Excel workbook: one text row per employee under the same header.
    const chunks: Buffer[] = [];
    const xlsxOut = { stdout: { write: (c: Buffer) => (chunks.push(Buffer.from(c)), true) }, stderr: { write: () => true } };
    expect(await runCli(["--db", path, "report", "deliveries", "--employer", "ACME", "--period", "2026-03", "--format", "xlsx"], xlsxOut as never)).toBe(0);
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1).join(",")).toBe(lines[0]);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getCell("A2").value).toBe("E001");
    expect(sheet.getCell("D2").value).toBe("yes");
  });

  it("issues a statement dated today without the recorded-later mark", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    const r = await issueStatements(db, { employerCode: "ACME", period: "2026-03", employeeNo: "E002", issuedOn: today }, HR);
    expect(r.ok).toBe(true);
    expect((await deliveries(db, "ACME", "2026-03"))![0]).toMatchObject({ employeeNo: "E002", recordedLater: false, issuedOn: today });
  });
});
