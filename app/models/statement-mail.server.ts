/**
 * Statements that reach the employee (issue 19): the outbox and its sender,
 * the token links that open one statement, the employee's answer
 * (acknowledged / disputed) and HR's resolution, and the delivery evidence.
 *
 * The outbox is at-least-once with a narrow window: a row is claimed in a
 * transaction (state `sending`, owner, lease) before the mail server is
 * contacted and marked `sent` right after its 250 reply. A sender killed
 * before the reply leaves a claimed row that the next sender reclaims (at once
 * when the owner process is gone, else when the lease ends) and sends again
 * with the same Message-ID; see ADR 0010.
 */
import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import {
  employees,
  employers,
  loginAttempts,
  mailOutbox,
  statementLinks,
  statementResponses,
  statements,
  type DisputeState,
  type MailState,
  type ResponseKind,
} from "../../db/schema";
import { translate } from "~/locales";
import { shanghaiDate } from "~/rules/dates";
import type { StatementFigures } from "~/rules/statement";
import { formatMoney, formatMonth } from "~/shared/formatters";
import { audit, SYSTEM_ACTOR, type Actor, type Tx } from "./audit.server";
import type { MailTransport } from "./mailer.server";
import { fromDomain } from "./mailer.server";
import { createPasswordToken } from "./invite.server";
import { transaction } from "../../db/transaction";

export const LINK_TTL_MS = 60 * 86_400_000;
export const GRANT_TTL_MS = 30 * 60_000;
export const LINK_THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_LAST6_FAILURES_PER_LINK = 5;
export const MAX_LAST6_FAILURES_PER_ADDRESS = 30;
export const LEASE_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 8;
export const UNOPENED_AFTER_DAYS = 14;

export function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

// ---------- enqueueing ----------

export type SendWhich = "new" | "failed" | "unopened";

export interface EnqueueResult {
  ok: true;
  /** New rows in the outbox. */
  queued: number;
  /** Rows put back in the queue (resend). */
  requeued: number;
  /** Latest versions already queued or sent to that address (nothing done). */
  already: number;
  /** Employees with a statement but no e-mail address. */
  noAddress: number;
}

export type EnqueueFailure = { ok: false; code: "unknownEmployer" | "nothingIssued"; params: Record<string, string> };

/** The latest version of each employee's statement of an employer-month, with the address and language. */
async function latestOfMonth(tx: Tx, employerId: number, period: string) {
  const rows = await tx
    .select({
      id: statements.id,
      employeeId: statements.employeeId,
      version: statements.version,
      firstViewedAt: statements.firstViewedAt,
      email: employees.email,
      locale: employees.mailLocale,
    })
    .from(statements)
    .innerJoin(employees, eq(employees.id, statements.employeeId))
    .where(and(eq(statements.employerId, employerId), eq(statements.period, period)))
    .orderBy(asc(employees.employeeNo), desc(statements.version))
    .all();
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r.employeeId) ? false : (seen.add(r.employeeId), true)));
}

function statementKey(statementId: number, address: string): string {
  return `statement:${statementId}:${address.trim().toLowerCase()}`;
}

/** Queue one statement version for one address; false when it is already queued or sent there. */
async function enqueueStatement(tx: Tx, employerId: number, statementId: number, address: string, locale: string, now: Date): Promise<number | null> {
  const row = await tx
    .insert(mailOutbox)
    .values({ kind: "statement", dedupeKey: statementKey(statementId, address), employerId, statementId, address: address.trim(), locale, nextAttemptAt: now.toISOString() })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id })
    .get();
  return row?.id ?? null;
}

/**
 * Send a month's statements (latest versions) to every employee with an
 * address. `new`: what is not queued or sent yet (a second click does nothing);
 * `failed`: put failed messages back in the queue; `unopened`: send again what
 * was sent but not opened.
 */
export async function enqueueMonth(
  db: Db,
  q: { employerCode: string; period: string; which?: SendWhich },
  actor: Actor,
  now: Date = new Date(),
): Promise<EnqueueResult | EnqueueFailure> {
  const employer = await db.select({ id: employers.id }).from(employers).where(eq(employers.code, q.employerCode)).get();
  if (!employer) return { ok: false, code: "unknownEmployer", params: { code: q.employerCode } };
  const which = q.which ?? "new";
  return await transaction(db, async (tx): Promise<EnqueueResult | EnqueueFailure> => {
      const latest = await latestOfMonth(tx, employer.id, q.period);
      if (latest.length === 0) return { ok: false, code: "nothingIssued", params: { employer: q.employerCode, period: q.period } };
      const result: EnqueueResult = { ok: true, queued: 0, requeued: 0, already: 0, noAddress: 0 };
      const ids = latest.map((s) => s.id);
      const existing = new Map<string, { id: number; state: MailState }>();
      for (let i = 0; i < ids.length; i += 500) {
        for (const r of await tx
          .select({ id: mailOutbox.id, key: mailOutbox.dedupeKey, state: mailOutbox.state })
          .from(mailOutbox)
          .where(and(eq(mailOutbox.employerId, employer.id), inArray(mailOutbox.statementId, ids.slice(i, i + 500))))
          .all())
          existing.set(r.key, r);
      }
      const answered = new Set<number>();
      for (let i = 0; i < ids.length; i += 500)
        for (const r of await tx.select({ id: statementResponses.statementId }).from(statementResponses).where(and(eq(statementResponses.employerId, employer.id), inArray(statementResponses.statementId, ids.slice(i, i + 500)))).all()) answered.add(r.id);
      for (const s of latest) {
        if (!s.email.trim()) {
          result.noAddress++;
          continue;
        }
        const prior = existing.get(statementKey(s.id, s.email));
        if (!prior) {
          if (which !== "new") continue;
          if (await enqueueStatement(tx, employer.id, s.id, s.email, s.locale, now) !== null) result.queued++;
          else result.already++;
          continue;
        }
        const again =
          (which === "failed" && prior.state === "failed") || (which === "unopened" && prior.state === "sent" && s.firstViewedAt === null && !answered.has(s.id));
        if (!again) {
          result.already++;
          continue;
        }
        await tx.update(mailOutbox)
          .set({ state: "queued", attempts: 0, lastError: null, nextAttemptAt: now.toISOString(), sends: sql`${mailOutbox.sends} + 1`, claimedBy: null, leaseUntil: null })
          .where(eq(mailOutbox.id, prior.id))
          .run();
        result.requeued++;
      }
      await audit(tx, actor, { action: which === "new" ? "send" : `resend_${which}`, entity: "statement", entityId: `${q.employerCode}/${q.period}`, after: { ...result, ok: undefined } }, now);
      return result;
    },
  );
}

/**
 * Called inside the correction's transaction: open disputes of the earlier
 * versions are resolved as corrected, and where an earlier version was sent
 * by e-mail the correction is sent too (as a correction).
 */
export async function afterCorrection(tx: Tx, employerId: number, period: string, employeeIds: number[], actor: Actor, now: Date = new Date()): Promise<void> {
  for (const employeeId of employeeIds) {
    const versions = await tx
      .select({ id: statements.id, version: statements.version })
      .from(statements)
      .where(and(eq(statements.employerId, employerId), eq(statements.period, period), eq(statements.employeeId, employeeId)))
      .orderBy(desc(statements.version))
      .all();
    const [latest, ...older] = versions;
    if (!latest || older.length === 0) continue;
    const olderIds = older.map((v) => v.id);
    const open = await tx
      .select({ id: statementResponses.statementId })
      .from(statementResponses)
      .where(and(eq(statementResponses.employerId, employerId), inArray(statementResponses.statementId, olderIds), eq(statementResponses.disputeState, "open")))
      .all();
    for (const d of open) {
      await tx.update(statementResponses)
        .set({ disputeState: "corrected", resolvedAt: now.toISOString(), resolvedBy: actor.label })
        .where(eq(statementResponses.statementId, d.id))
        .run();
      await audit(tx, actor, { action: "resolve_dispute", entity: "statement", entityId: d.id, after: { disputeState: "corrected", by: latest.id } }, now);
    }
    const wasMailed = await tx.select({ id: mailOutbox.id }).from(mailOutbox).where(and(eq(mailOutbox.employerId, employerId), inArray(mailOutbox.statementId, olderIds))).limit(1).get();
    if (!wasMailed) continue;
    const emp = await tx.select({ email: employees.email, locale: employees.mailLocale }).from(employees).where(eq(employees.id, employeeId)).get();
    if (emp?.email.trim()) {
      const id = await enqueueStatement(tx, employerId, latest.id, emp.email, emp.locale, now);
      if (id !== null) await audit(tx, actor, { action: "send", entity: "statement", entityId: latest.id, after: { outboxId: id, correction: true } }, now);
    }
  }
}

// ---------- sending ----------

interface Claimed {
  id: number;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  fileStem: string;
}

export function senderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Claimed rows whose sender process on this host is gone (killed mid-batch)
 * go back to the queue at once; rows of other hosts wait for their lease.
 */
export async function reclaimAbandoned(db: Db, now: Date = new Date()): Promise<number> {
  const host = hostname();
  const stuck = await db.select({ id: mailOutbox.id, claimedBy: mailOutbox.claimedBy }).from(mailOutbox).where(eq(mailOutbox.state, "sending")).all();
  let n = 0;
  for (const r of stuck) {
    const [h, pid] = (r.claimedBy ?? "").split(":");
    if (h !== host || !pid || processAlive(Number(pid))) continue;
    const res = await db
      .update(mailOutbox)
      .set({ state: "queued", claimedBy: null, leaseUntil: null, nextAttemptAt: now.toISOString() })
      .where(and(eq(mailOutbox.id, r.id), eq(mailOutbox.state, "sending"), eq(mailOutbox.claimedBy, r.claimedBy!)))
      .run();
    n += res.changes;
  }
  return n;
}

export function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.PUBLIC_URL?.trim() || `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/+$/, "");
}

/** E's own tranche (SPEC §6); snapshots from before the revised rule book carry the month's status instead. */
function paymentText(lng: string, f: StatementFigures): string {
  const kind = f.tranche ? (f.tranche.kind === "paid_in_full" ? "paid" : f.tranche.kind) : (f.payment?.kind ?? "unpaid");
  return translate(lng, `mail.msg.payment.${kind}`);
}

/** Render one message. A statement gets a fresh link token (only its hash is stored). */
async function render(tx: Tx, row: typeof mailOutbox.$inferSelect, baseUrl: string, now: Date): Promise<{ subject: string; text: string }> {
  const lng = row.locale;
  if (row.kind === "statement") {
    const s = await tx
      .select({ id: statements.id, employerId: statements.employerId, version: statements.version, figures: statements.figures, period: statements.period, reason: statements.reason })
      .from(statements)
      .where(eq(statements.id, row.statementId!))
      .get();
    if (!s) throw new Error(`outbox ${row.id}: statement ${row.statementId} is gone`);
    const f = s.figures as unknown as StatementFigures;
    const token = newToken();
    await tx.insert(statementLinks)
      .values({ tokenHash: sha256(token), employerId: s.employerId, statementId: s.id, outboxId: row.id, expiresAt: new Date(now.getTime() + LINK_TTL_MS).toISOString() })
      .run();
    const params = {
      name: f.employeeName,
      employer: f.employerName,
      month: formatMonth(lng === "en" ? "en" : "zh-CN", s.period),
      own: formatMoney(f.employeeTotal),
      payment: paymentText(lng, f),
      link: `${baseUrl}/s/${token}`,
      version: s.version,
      days: LINK_TTL_MS / 86_400_000,
    };
    const correction = s.version > 1;
    const subject = translate(lng, correction ? "mail.msg.statement.subjectCorrection" : "mail.msg.statement.subject", params);
    const lines = [
      translate(lng, "mail.msg.statement.greeting", params),
      "",
      translate(lng, correction ? "mail.msg.statement.introCorrection" : "mail.msg.statement.intro", params),
      "",
      translate(lng, "mail.msg.statement.own", params),
      translate(lng, "mail.msg.statement.paymentLine", params),
      "",
      translate(lng, "mail.msg.statement.open", params),
      params.link,
      "",
      translate(lng, "mail.msg.statement.last6", params),
      translate(lng, "mail.msg.statement.expiry", params),
      "",
      translate(lng, "mail.msg.statement.footer", params),
    ];
    return { subject, text: lines.join("\n") + "\n" };
  }
  const token = await createPasswordToken(tx, row.userId!, row.kind === "invite" ? "invite" : "reset", row.id, now);
  const params = { link: `${baseUrl}/set-password/${token}`, days: 7 };
  const k = row.kind === "invite" ? "invite" : "reset";
  return {
    subject: translate(lng, `mail.msg.${k}.subject`, params),
    text: [translate(lng, `mail.msg.${k}.body`, params), "", params.link, "", translate(lng, `mail.msg.${k}.expiry`, params)].join("\n") + "\n",
  };
}

/** Claim the next due row (or one whose lease ended) and render it, in one transaction. */
async function claimNext(db: Db, owner: string, domain: string, baseUrl: string, now: Date): Promise<Claimed | null> {
  return await transaction(db, async (tx): Promise<Claimed | null> => {
      const iso = now.toISOString();
      const row = await tx
        .select()
        .from(mailOutbox)
        .where(or(and(eq(mailOutbox.state, "queued"), lte(mailOutbox.nextAttemptAt, iso)), and(eq(mailOutbox.state, "sending"), lt(mailOutbox.leaseUntil, iso))))
        .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
        .limit(1)
        .get();
      if (!row) return null;
      const messageId = `<shebao-${row.id}-${row.sends}@${domain}>`;
      await tx.update(mailOutbox)
        .set({ state: "sending", claimedBy: owner, leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(), attempts: row.attempts + 1, messageId })
        .where(eq(mailOutbox.id, row.id))
        .run();
      const { subject, text } = await render(tx, row, baseUrl, now);
      return { id: row.id, to: row.address, subject, text, messageId, fileStem: `${row.id}-${row.sends}` };
    },
  );
}

export interface SendRun {
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * Send every due message, one at a time, until none is due (or `limit`).
 * Each is claimed before it is handed to the mail server and marked right
 * after its answer: sent, failed (5xx: the reply is kept), or queued again
 * with backoff (4xx, connection problems).
 */
export async function sendDue(
  db: Db,
  transport: MailTransport,
  opts: { now?: () => Date; limit?: number; owner?: string; baseUrl?: string } = {},
): Promise<SendRun> {
  const clock = opts.now ?? (() => new Date());
  const owner = opts.owner ?? senderId();
  const domain = fromDomain(transport.from);
  const baseUrl = opts.baseUrl ?? publicUrl();
  const run: SendRun = { sent: 0, failed: 0, retrying: 0 };
  await reclaimAbandoned(db, clock());
  for (let i = 0; opts.limit === undefined || i < opts.limit; i++) {
    const claimed = await claimNext(db, owner, domain, baseUrl, clock());
    if (!claimed) break;
    const outcome = await transport.send({ to: claimed.to, subject: claimed.subject, text: claimed.text, messageId: claimed.messageId, fileStem: claimed.fileStem });
    const now = clock();
    await transaction(db, async (tx) => {
        const mine = and(eq(mailOutbox.id, claimed.id), eq(mailOutbox.state, "sending"), eq(mailOutbox.claimedBy, owner));
        const row = await tx.select({ attempts: mailOutbox.attempts, statementId: mailOutbox.statementId, kind: mailOutbox.kind }).from(mailOutbox).where(mine).get();
        if (!row) return;
        const entity = row.kind === "statement" ? "statement" : "user";
        const entityId = row.statementId ?? claimed.id;
        if (outcome.ok) {
          await tx.update(mailOutbox).set({ state: "sent", sentAt: now.toISOString(), smtpResponse: outcome.response.slice(0, 500), lastError: null, claimedBy: null, leaseUntil: null }).where(mine).run();
          await audit(tx, SYSTEM_ACTOR, { action: "mail_sent", entity, entityId, after: { outboxId: claimed.id, kind: row.kind, to: claimed.to, messageId: claimed.messageId } }, now);
          run.sent++;
        } else if (outcome.permanent || row.attempts >= MAX_ATTEMPTS) {
          await tx.update(mailOutbox).set({ state: "failed", lastError: outcome.error, claimedBy: null, leaseUntil: null }).where(mine).run();
          await audit(tx, SYSTEM_ACTOR, { action: "mail_failed", entity, entityId, after: { outboxId: claimed.id, kind: row.kind, to: claimed.to, error: outcome.error } }, now);
          run.failed++;
        } else {
          await tx.update(mailOutbox)
            .set({ state: "queued", lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)).toISOString(), claimedBy: null, leaseUntil: null })
            .where(mine)
            .run();
          run.retrying++;
        }
      },
    );
  }
  return run;
}

export interface OutboxCounts {
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  /** The earliest next attempt of a queued row. */
  nextAttemptAt: string | null;
}

export async function outboxCounts(db: Db): Promise<OutboxCounts> {
  const rows = await db.select({ state: mailOutbox.state, n: count() }).from(mailOutbox).groupBy(mailOutbox.state).all();
  const next = await db
    .select({ at: sql<string | null>`min(${mailOutbox.nextAttemptAt})` })
    .from(mailOutbox)
    .where(eq(mailOutbox.state, "queued"))
    .get();
  const n = (s: MailState) => rows.find((r) => r.state === s)?.n ?? 0;
  return { queued: n("queued"), sending: n("sending"), sent: n("sent"), failed: n("failed"), nextAttemptAt: next?.at ?? null };
}

// ---------- the link ----------

export type LinkState = { ok: true; linkId: number; statementId: number } | { ok: false; reason: "unknown" | "expired" | "revoked" };

/** What a token opens: exactly one statement, while it is neither expired nor revoked. */
export async function resolveLink(db: Db, token: string, now: Date = new Date()): Promise<LinkState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: "unknown" };
  const link = await db.select().from(statementLinks).where(eq(statementLinks.tokenHash, sha256(token))).get();
  if (!link) return { ok: false, reason: "unknown" };
  if (link.revokedAt !== null) return { ok: false, reason: "revoked" };
  if (link.expiresAt <= now.toISOString()) return { ok: false, reason: "expired" };
  return { ok: true, linkId: link.id, statementId: link.statementId };
}

export type Last6Result = { ok: true; grant: string; statementId: number } | { ok: false; reason: "unknown" | "expired" | "revoked" | "wrong" | "throttled" };

function lastSix(id: string): string {
  return id.replace(/\s+/g, "").toUpperCase().slice(-6);
}

/**
 * The last-6 check: right, it returns a short-lived grant for this link (the
 * browser keeps it in a cookie; only its hash is stored); wrong, it counts
 * towards a throttle per link and per client address, like sign-in.
 */
export async function verifyLast6(db: Db, input: { token: string; last6: string; address: string }, now: Date = new Date()): Promise<Last6Result> {
  const link = await resolveLink(db, input.token, now);
  if (!link.ok) return link;
  const keys = { link: `link:${link.linkId}`, address: `linkaddr:${input.address}` };
  const since = new Date(now.getTime() - LINK_THROTTLE_WINDOW_MS).toISOString();
  const counts = await db
    .select({ key: loginAttempts.key, n: sql<number>`count(*)` })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.key, [keys.link, keys.address]), gte(loginAttempts.at, since)))
    .groupBy(loginAttempts.key)
    .all();
  const failures = (key: string) => counts.find((c) => c.key === key)?.n ?? 0;
  const throttled = failures(keys.link) >= MAX_LAST6_FAILURES_PER_LINK || failures(keys.address) >= MAX_LAST6_FAILURES_PER_ADDRESS;
  const emp = await db
    .select({ idNumber: employees.idNumber })
    .from(statements)
    .innerJoin(employees, eq(employees.id, statements.employeeId))
    .where(eq(statements.id, link.statementId))
    .get();
  const given = input.last6.replace(/\s+/g, "").toUpperCase();
  const right = !!emp && given.length === 6 && given === lastSix(emp.idNumber);
  return await transaction(db, async (tx): Promise<Last6Result> => {
      const anonymous = { userId: null, label: "link" };
      if (throttled || !right) {
        const at = now.toISOString();
        await tx.insert(loginAttempts).values([{ key: keys.link, at }, { key: keys.address, at }]).run();
        await audit(tx, anonymous, { action: "link_check_failed", entity: "statement", entityId: link.statementId, after: { linkId: link.linkId, address: input.address, throttled } }, now);
        return { ok: false, reason: throttled ? "throttled" : "wrong" };
      }
      const grant = newToken();
      await tx.update(statementLinks)
        .set({ grantHash: sha256(grant), grantExpiresAt: new Date(now.getTime() + GRANT_TTL_MS).toISOString() })
        .where(eq(statementLinks.id, link.linkId))
        .run();
      await tx.delete(loginAttempts).where(eq(loginAttempts.key, keys.link)).run();
      await audit(tx, anonymous, { action: "link_opened", entity: "statement", entityId: link.statementId, after: { linkId: link.linkId, address: input.address } }, now);
      return { ok: true, grant, statementId: link.statementId };
    },
  );
}

/** The statement a token and its grant open, or null: the grant belongs to that link only. */
export async function statementForGrant(db: Db, token: string, grant: string | null, now: Date = new Date()): Promise<{ statementId: number; employeeId: number; linkId: number } | null> {
  if (!grant) return null;
  const link = await resolveLink(db, token, now);
  if (!link.ok) return null;
  const row = await db
    .select({ grantHash: statementLinks.grantHash, grantExpiresAt: statementLinks.grantExpiresAt, employeeId: statements.employeeId })
    .from(statementLinks)
    .innerJoin(statements, and(eq(statements.employerId, statementLinks.employerId), eq(statements.id, statementLinks.statementId)))
    .where(eq(statementLinks.id, link.linkId))
    .get();
  if (!row || row.grantHash !== sha256(grant) || !row.grantExpiresAt || row.grantExpiresAt <= now.toISOString()) return null;
  return { statementId: link.statementId, employeeId: row.employeeId, linkId: link.linkId };
}

/** HR revokes every link of a statement (e.g. sent to a wrong address). */
export async function revokeLinks(db: Db, statementId: number, actor: Actor, now: Date = new Date()): Promise<number> {
  return await transaction(db, async (tx) => {
      const res = await tx
        .update(statementLinks)
        .set({ revokedAt: now.toISOString(), grantHash: null })
        .where(and(eq(statementLinks.statementId, statementId), isNull(statementLinks.revokedAt)))
        .run();
      await audit(tx, actor, { action: "revoke_links", entity: "statement", entityId: statementId, after: { links: res.changes } }, now);
      return res.changes;
    },
  );
}

// ---------- acknowledge, dispute, answer ----------

export interface ResponseView {
  kind: ResponseKind;
  reason: string;
  at: string;
  via: string;
  disputeState: DisputeState | null;
  answer: string | null;
  resolvedAt: string | null;
}

export async function statementResponse(db: Db, statementId: number): Promise<ResponseView | null> {
  return (
    await db
      .select({
        kind: statementResponses.kind,
        reason: statementResponses.reason,
        at: statementResponses.at,
        via: statementResponses.via,
        disputeState: statementResponses.disputeState,
        answer: statementResponses.answer,
        resolvedAt: statementResponses.resolvedAt,
      })
      .from(statementResponses)
      .where(eq(statementResponses.statementId, statementId))
      .get() ?? null
  );
}

export type RespondResult = { ok: true } | { ok: false; code: "reasonRequired" | "reasonTooLong" | "alreadyAnswered" | "superseded" | "notFound" };

/**
 * The employee's answer to the latest version of a month: acknowledged (the
 * time is recorded) or disputed with a reason. One answer per version.
 */
export async function respondToStatement(
  db: Db,
  input: { statementId: number; employeeId: number; kind: ResponseKind; reason?: string; via: "link" | "portal" },
  actor: Actor,
  now: Date = new Date(),
): Promise<RespondResult> {
  const reason = (input.reason ?? "").trim();
  if (input.kind === "disputed" && !reason) return { ok: false, code: "reasonRequired" };
  if (reason.length > 1000) return { ok: false, code: "reasonTooLong" };
  return await transaction(db, async (tx): Promise<RespondResult> => {
      const s = await tx
        .select({ id: statements.id, employerId: statements.employerId, employeeId: statements.employeeId, period: statements.period, version: statements.version })
        .from(statements)
        .where(and(eq(statements.id, input.statementId), eq(statements.employeeId, input.employeeId)))
        .get();
      if (!s) return { ok: false, code: "notFound" };
      const newer = await tx
        .select({ id: statements.id })
        .from(statements)
        .where(and(eq(statements.employeeId, s.employeeId), eq(statements.period, s.period), sql`${statements.version} > ${s.version}`))
        .get();
      if (newer) return { ok: false, code: "superseded" };
      if (await tx.select({ id: statementResponses.statementId }).from(statementResponses).where(eq(statementResponses.statementId, s.id)).get())
        return { ok: false, code: "alreadyAnswered" };
      const at = now.toISOString();
      await tx.insert(statementResponses)
        .values({ employerId: s.employerId, statementId: s.id, kind: input.kind, reason: input.kind === "disputed" ? reason : "", at, via: input.via, disputeState: input.kind === "disputed" ? "open" : null })
        .run();
      // Answering it means it was opened.
      await tx.update(statements).set({ firstViewedAt: at }).where(and(eq(statements.id, s.id), isNull(statements.firstViewedAt))).run();
      await audit(tx, actor, { action: input.kind === "acknowledged" ? "acknowledge" : "dispute", entity: "statement", entityId: s.id, after: { via: input.via, ...(reason && input.kind === "disputed" ? { reason } : {}) } }, now);
      return { ok: true };
    },
  );
}

export type AnswerResult = { ok: true } | { ok: false; code: "answerRequired" | "answerTooLong" | "notOpen" };

/** HR answers an open dispute in writing (the employee sees it); a correction resolves it otherwise. */
export async function answerDispute(db: Db, input: { statementId: number; answer: string }, actor: Actor, now: Date = new Date()): Promise<AnswerResult> {
  const answer = input.answer.trim();
  if (!answer) return { ok: false, code: "answerRequired" };
  if (answer.length > 2000) return { ok: false, code: "answerTooLong" };
  return await transaction(db, async (tx): Promise<AnswerResult> => {
      const res = await tx
        .update(statementResponses)
        .set({ disputeState: "answered", answer, resolvedAt: now.toISOString(), resolvedBy: actor.label })
        .where(and(eq(statementResponses.statementId, input.statementId), eq(statementResponses.disputeState, "open")))
        .run();
      if (res.changes === 0) return { ok: false, code: "notOpen" };
      await audit(tx, actor, { action: "resolve_dispute", entity: "statement", entityId: input.statementId, after: { disputeState: "answered", answer } }, now);
      return { ok: true };
    },
  );
}

// ---------- delivery evidence ----------

export interface DeliveryRow {
  employeeId: number;
  employeeNo: string;
  name: string;
  email: string;
  statementId: number;
  version: number;
  issuedOn: string;
  recordedLater: boolean;
  recordedAt: string;
  sendState: MailState | null;
  sendError: string | null;
  sentAt: string | null;
  firstViewedAt: string | null;
  acknowledgedAt: string | null;
  disputedAt: string | null;
  disputeReason: string | null;
  disputeState: DisputeState | null;
  answer: string | null;
}

/** Per employee with a statement for the month: its latest version, the last message about it, and the employee's answer. */
export async function deliveries(db: Db, employerCode: string, period: string): Promise<DeliveryRow[] | null> {
  const employer = await db.select({ id: employers.id }).from(employers).where(eq(employers.code, employerCode)).get();
  if (!employer) return null;
  const rows = await db
    .select({
      employeeId: employees.id,
      employeeNo: employees.employeeNo,
      name: employees.name,
      email: employees.email,
      statementId: statements.id,
      version: statements.version,
      issuedOn: statements.issuedOn,
      recordedLater: statements.recordedLater,
      recordedAt: statements.createdAt,
      firstViewedAt: statements.firstViewedAt,
    })
    .from(statements)
    .innerJoin(employees, eq(employees.id, statements.employeeId))
    .where(and(eq(statements.employerId, employer.id), eq(statements.period, period)))
    .orderBy(asc(employees.employeeNo), desc(statements.version))
    .all();
  const seen = new Set<number>();
  const latest = rows.filter((r) => (seen.has(r.employeeId) ? false : (seen.add(r.employeeId), true)));
  const ids = latest.map((r) => r.statementId);
  const mail = new Map<number, { state: MailState; lastError: string | null; sentAt: string | null; id: number }>();
  const answers = new Map<number, ResponseView>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const m of await db
      .select({ statementId: mailOutbox.statementId, state: mailOutbox.state, lastError: mailOutbox.lastError, sentAt: mailOutbox.sentAt, id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.employerId, employer.id), inArray(mailOutbox.statementId, chunk)))
      .orderBy(asc(mailOutbox.id))
      .all())
      mail.set(m.statementId!, m);
    for (const r of await db.select().from(statementResponses).where(and(eq(statementResponses.employerId, employer.id), inArray(statementResponses.statementId, chunk))).all()) answers.set(r.statementId, r);
  }
  return latest.map((r) => {
    const m = mail.get(r.statementId);
    const a = answers.get(r.statementId);
    return {
      ...r,
      sendState: m?.state ?? null,
      sendError: m?.state === "failed" || m?.state === "queued" ? (m.lastError ?? null) : null,
      sentAt: m?.sentAt ?? null,
      acknowledgedAt: a?.kind === "acknowledged" ? a.at : null,
      disputedAt: a?.kind === "disputed" ? a.at : null,
      disputeReason: a?.kind === "disputed" ? a.reason : null,
      disputeState: a?.disputeState ?? null,
      answer: a?.answer ?? null,
    };
  });
}

export interface DeliveryCounts {
  issued: number;
  sent: number;
  failed: number;
  queued: number;
  opened: number;
  acknowledged: number;
  disputed: number;
  openDisputes: number;
  recordedLater: number;
}

export function deliveryCounts(rows: DeliveryRow[]): DeliveryCounts {
  return {
    issued: rows.length,
    sent: rows.filter((r) => r.sendState === "sent").length,
    failed: rows.filter((r) => r.sendState === "failed").length,
    queued: rows.filter((r) => r.sendState === "queued" || r.sendState === "sending").length,
    opened: rows.filter((r) => r.firstViewedAt).length,
    acknowledged: rows.filter((r) => r.acknowledgedAt).length,
    disputed: rows.filter((r) => r.disputedAt).length,
    openDisputes: rows.filter((r) => r.disputeState === "open").length,
    recordedLater: rows.filter((r) => r.recordedLater).length,
  };
}

export interface OpenDispute {
  statementId: number;
  employerCode: string;
  period: string;
  employeeNo: string;
  name: string;
  version: number;
  reason: string;
  at: string;
}

/** The HR queue on /statements: every open dispute, oldest first; `employerCodes` (an account's scope) keeps only those employers'. */
export async function openDisputes(db: Db, employerCodes: readonly string[] | null = null): Promise<OpenDispute[]> {
  return await db
    .select({
      statementId: statements.id,
      employerCode: employers.code,
      period: statements.period,
      employeeNo: employees.employeeNo,
      name: employees.name,
      version: statements.version,
      reason: statementResponses.reason,
      at: statementResponses.at,
    })
    .from(statementResponses)
    .innerJoin(statements, and(eq(statements.employerId, statementResponses.employerId), eq(statements.id, statementResponses.statementId)))
    .innerJoin(employees, eq(employees.id, statements.employeeId))
    .innerJoin(employers, eq(employers.id, statements.employerId))
    .where(and(eq(statementResponses.disputeState, "open"), employerCodes === null ? undefined : inArray(employers.code, [...employerCodes])))
    .orderBy(asc(statementResponses.at))
    .all();
}

/**
 * For the dashboard: statements sent 14+ days ago and still not opened, and
 * open disputes; `employerCodes` (an account's scope) counts only those employers'.
 */
export async function mailAttention(db: Db, now: Date = new Date(), employerCodes: readonly string[] | null = null): Promise<{ unopened: number; openDisputes: number }> {
  const cutoff = new Date(now.getTime() - UNOPENED_AFTER_DAYS * 86_400_000).toISOString();
  const inCodes = employerCodes === null ? undefined : inArray(employers.code, [...employerCodes]);
  const [unopened, disputes] = await Promise.all([
    db
      .select({ n: sql<number>`count(distinct ${statements.id})` })
      .from(mailOutbox)
      .innerJoin(statements, eq(statements.id, mailOutbox.statementId))
      .innerJoin(employers, eq(employers.id, statements.employerId))
      .where(and(eq(mailOutbox.state, "sent"), lte(mailOutbox.sentAt, cutoff), isNull(statements.firstViewedAt), inCodes))
      .get(),
    db
      .select({ n: count() })
      .from(statementResponses)
      .innerJoin(statements, and(eq(statements.employerId, statementResponses.employerId), eq(statements.id, statementResponses.statementId)))
      .innerJoin(employers, eq(employers.id, statements.employerId))
      .where(and(eq(statementResponses.disputeState, "open"), inCodes))
      .get(),
  ]);
  return { unopened: unopened?.n ?? 0, openDisputes: disputes?.n ?? 0 };
}

/** The Shanghai date of an ISO timestamp, for reports. */
export function shanghaiDay(iso: string | null): string {
  return iso ? shanghaiDate(new Date(iso)) : "";
}

export const MAIL_LOCALES = ["zh-CN", "en"] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

export async function mailLocaleOf(db: Db, employeeId: number): Promise<MailLocale> {
  const row = await db.select({ locale: employees.mailLocale }).from(employees).where(eq(employees.id, employeeId)).get();
  return row?.locale === "en" ? "en" : "zh-CN";
}

/** The employee's own choice of language for their e-mails (default Chinese). */
export async function setMailLocale(db: Db, employeeId: number, locale: string, actor: Actor, now: Date = new Date()): Promise<boolean> {
  if (!(MAIL_LOCALES as readonly string[]).includes(locale)) return false;
  await transaction(db, async (tx) => {
      const before = await tx.select({ locale: employees.mailLocale }).from(employees).where(eq(employees.id, employeeId)).get();
      await tx.update(employees).set({ mailLocale: locale }).where(eq(employees.id, employeeId)).run();
      // Messages not sent yet go out in the new language.
      await tx.update(mailOutbox)
        .set({ locale })
        .where(and(eq(mailOutbox.state, "queued"), inArray(mailOutbox.statementId, tx.select({ id: statements.id }).from(statements).where(eq(statements.employeeId, employeeId)))))
        .run();
      await audit(tx, actor, { action: "update", entity: "employee", entityId: employeeId, before: { mailLocale: before?.locale ?? null }, after: { mailLocale: locale } }, now);
    },
  );
  return true;
}
