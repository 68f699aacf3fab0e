/**
 * The whole data model of SPEC §2, plus users, sessions and the audit log.
 *
 * Conventions: money is integer fen, rates are integer ppm (inside the rate
 * terms), dates are `YYYY-MM-DD` text, months `YYYY-MM` text, timestamps ISO
 * 8601 UTC text. Column names are snake_case.
 */
import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { BaseRule, InsuranceBounds, PolicyRates } from "../app/rules/types";

// The roles are defined with the permissions (browser-safe); the column stores them.
import { ROLES, type Role } from "../app/shared/permissions";
export { ROLES, type Role };

export const ID_TYPES = ["resident_id", "passport", "permit"] as const;
export type IdType = (typeof ID_TYPES)[number];

import { COLLECTION_KINDS, type CollectionKind } from "../app/rules/types";
export { COLLECTION_KINDS, type CollectionKind };

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const employers = sqliteTable("employers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  uscc: text("uscc").notNull(),
  region: text("region").notNull(),
  /** The go-live month (SPEC §2): nothing before it is evaluated; null = every month. */
  trackingFrom: text("tracking_from"),
  createdAt: createdAt(),
});

export const policies = sqliteTable(
  "policies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    region: text("region").notNull(),
    effectiveFrom: text("effective_from").notNull(),
    baseFloor: integer("base_floor").notNull(),
    baseCap: integer("base_cap").notNull(),
    /** Every insurance and side as a list of terms (SPEC §2). */
    rates: text("rates", { mode: "json" }).$type<PolicyRates>().notNull(),
    roundingUnit: text("rounding_unit").$type<"fen" | "jiao" | "yuan">().notNull().default("fen"),
    roundingMode: text("rounding_mode").$type<"half_up" | "up">().notNull().default("half_up"),
    /** `1`…`31` or `last`. */
    dueDay: text("due_day").notNull(),
    dueMonthOffset: integer("due_month_offset").notNull().default(0),
    lateFeePpmPerDay: integer("late_fee_ppm_per_day").notNull().default(500),
    /** SPEC §3: `wage` (the wage in force) or `annual` (a base fixed for the contribution year). */
    baseRule: text("base_rule").$type<BaseRule>().notNull().default("wage"),
    /** The month (1–12) in which an `annual` contribution year begins. */
    baseYearStart: integer("base_year_start").notNull().default(7),
    /** Per-insurance floors and caps as given (fen); an absent one is the version's base_floor / base_cap. */
    insuranceBounds: text("insurance_bounds", { mode: "json" }).$type<InsuranceBounds>().notNull().default(sql`'{}'`),
    /** The agency's monthly 增减员 cut-off day (1–31), optional: additions submitted after it are back payments (补缴). */
    changeCutoffDay: integer("change_cutoff_day"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("policies_region_from").on(t.region, t.effectiveFrom)],
);

export const nonWorkingDays = sqliteTable(
  "non_working_days",
  {
    region: text("region").notNull(),
    date: text("date").notNull(),
  },
  (t) => [primaryKey({ columns: [t.region, t.date] })],
);

export const employees = sqliteTable(
  "employees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Unique per installation (SPEC §2) through `employee_numbers`, which spans employers (docs/scale.md). */
    employeeNo: text("employee_no").notNull(),
    name: text("name").notNull(),
    idType: text("id_type").$type<IdType>().notNull().default("resident_id"),
    idNumber: text("id_number").notNull(),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
    hireDate: text("hire_date").notNull(),
    terminationDate: text("termination_date"),
    department: text("department").notNull().default(""),
    email: text("email").notNull().default(""),
    /** The language of the employee's e-mails (issue 19): `zh-CN` (default) or `en`. */
    mailLocale: text("mail_locale").notNull().default("zh-CN"),
    createdAt: createdAt(),
  },
  (t) => [
    index("employees_employer").on(t.employerId, t.hireDate),
    index("employees_name").on(t.name),
    /** The parent key of the employer-scoped tables' (employer_id, employee_id) foreign keys (docs/scale.md). */
    uniqueIndex("employees_employer_key").on(t.employerId, t.id),
    index("employees_number").on(t.employeeNo),
  ],
);

/**
 * The installation's employee numbers (SPEC §2: unique per installation).
 * Where the employees are split by employer (docs/scale.md) their table cannot
 * hold that uniqueness itself; this table, copied to every node, does. Written
 * by the models in the transaction that writes the employee
 * (`claimEmployeeNumbers`, app/models/employee-placement.server.ts).
 */
export const employeeNumbers = sqliteTable("employee_numbers", {
  employeeNo: text("employee_no").primaryKey(),
  /** The employee's id (no foreign key: on a distributed database employees is split, this table is not). */
  employeeId: integer("employee_id").notNull(),
});

/**
 * The employer-scoped tables below carry their employer's id (issue 16,
 * docs/scale.md): the key a distributed database splits them by. A row's
 * employer_id is its employee's (or statement's), which the composite foreign
 * key (employer_id, employee_id) → employees (employer_id, id) guarantees; it
 * follows an employee moved to another employer (ON UPDATE CASCADE).
 */
export const wages = sqliteTable(
  "wages",
  {
    employeeId: integer("employee_id").notNull(),
    effectiveMonth: text("effective_month").notNull(),
    monthlyWage: integer("monthly_wage").notNull(),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
  },
  (t) => [
    /** Led by the employer (the distribution column); employee_id alone determines employer_id (the foreign key). */
    primaryKey({ columns: [t.employerId, t.employeeId, t.effectiveMonth] }),
    foreignKey({ name: "wages_employee_fk", columns: [t.employerId, t.employeeId], foreignColumns: [employees.employerId, employees.id] })
      .onDelete("cascade")
      .onUpdate("cascade"),
  ],
);

export const registrations = sqliteTable(
  "registrations",
  {
    employeeId: integer("employee_id").notNull(),
    appliedOn: text("applied_on"),
    registeredOn: text("registered_on"),
    /** Art. 50 ¶1: the day the end of the employment was reported to the agency. */
    terminationReportedOn: text("termination_reported_on"),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
  },
  (t) => [
    primaryKey({ columns: [t.employerId, t.employeeId] }),
    foreignKey({ name: "registrations_employee_fk", columns: [t.employerId, t.employeeId], foreignColumns: [employees.employerId, employees.id] })
      .onDelete("cascade")
      .onUpdate("cascade"),
  ],
);

/** One row per version of a declaration line (SPEC §2). */
export const declarationLines = sqliteTable(
  "declaration_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
    period: text("period").notNull(),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id),
    declaredBase: integer("declared_base").notNull(),
    declaredOn: text("declared_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("declaration_lines_key").on(t.employerId, t.period, t.employeeId, t.declaredOn),
    /** Covering index for the engine's load. */
    index("declaration_lines_engine").on(t.employerId, t.employeeId, t.period, t.declaredBase, t.declaredOn),
    index("declaration_lines_employee").on(t.employeeId, t.period),
  ],
);

export const payments = sqliteTable(
  "payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
    period: text("period").notNull(),
    paidOn: text("paid_on").notNull(),
    amount: integer("amount").notNull(),
    reference: text("reference").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payments_reference").on(t.employerId, t.reference),
    index("payments_period").on(t.employerId, t.period, t.paidOn),
  ],
);

export const collectionActions = sqliteTable(
  "collection_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
    kind: text("kind").$type<CollectionKind>().notNull(),
    actionDate: text("action_date").notNull(),
    /** Sorted months joined by `;`. */
    periods: text("periods").notNull(),
    timeLimit: text("time_limit"),
    dueOn: text("due_on"),
    amount: integer("amount"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("collection_actions_employer").on(t.employerId, t.actionDate)],
);

export type StatementSnapshot = Record<string, unknown>;

export const statements = sqliteTable(
  "statements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
    period: text("period").notNull(),
    version: integer("version").notNull(),
    issuedOn: text("issued_on").notNull(),
    reason: text("reason").notNull().default(""),
    /** The immutable figures of SPEC §6 as of `issued_on`. */
    figures: text("figures", { mode: "json" }).$type<StatementSnapshot>().notNull(),
    /** When the employee first opened it (ISO timestamp), or null. */
    firstViewedAt: text("first_viewed_at"),
    /**
     * 1 when the statement was issued earlier outside Shebao and recorded later
     * (history): `issued_on` is the claimed date, `created_at` when it was recorded.
     */
    recordedLater: integer("recorded_later", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("statements_version").on(t.employerId, t.employeeId, t.period, t.version),
    index("statements_employer_period").on(t.employerId, t.period),
    /** The parent key of statement_links' and statement_responses' (employer_id, statement_id) foreign keys. */
    uniqueIndex("statements_employer_key").on(t.employerId, t.id),
    /** Covering index for the engine: reads issue dates without touching the snapshots. */
    index("statements_issued").on(t.employerId, t.employeeId, t.period, t.issuedOn),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(),
    name: text("name").notNull().default(""),
    role: text("role").$type<Role>().notNull(),
    employeeId: integer("employee_id").references(() => employees.id),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale"),
    disabledAt: text("disabled_at"),
    createdAt: createdAt(),
  },
  /** One account per employee (issue 15): a database fact, not only a check in createUser. */
  (t) => [uniqueIndex("users_employee").on(t.employeeId)],
);

/**
 * Employer-scoped staff accounts (issue 21): an HR or auditor account with
 * rows here sees and changes only these employers; without rows, all.
 */
export const userEmployers = sqliteTable(
  "user_employers",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.employerId] })],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** `account:<email>` or `address:<ip>`. */
    key: text("key").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("login_attempts_key").on(t.key, t.at)],
);

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    userId: integer("user_id"),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull().default(""),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
  },
  (t) => [index("audit_log_at").on(t.at), index("audit_log_entity").on(t.entity, t.entityId)],
);

/** The annual base declaration (年度缴费基数申报) recorded as declared: one row per recording, the lines as declared. */
export const annualBaseDeclarations = sqliteTable(
  "annual_base_declarations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
    /** The contribution year's first month S. */
    yearStart: text("year_start").notNull(),
    declaredOn: text("declared_on").notNull(),
    /** `[{ employeeId, basis }]` as declared. */
    lines: text("lines", { mode: "json" }).$type<{ employeeId: number; basis: number }[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("annual_base_declarations_year").on(t.employerId, t.yearStart, t.declaredOn)],
);

/** The month's change list (增减员): what HR recorded for each row (absent = to submit). */
export const changeListEntries = sqliteTable(
  "change_list_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
    period: text("period").notNull(),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id),
    /** `addition` | `reduction` | `base_change`. */
    kind: text("kind").$type<"addition" | "reduction" | "base_change">().notNull(),
    /** `submitted` | `accepted` | `refused`. */
    state: text("state").$type<"submitted" | "accepted" | "refused">().notNull(),
    submittedOn: text("submitted_on"),
    decidedOn: text("decided_on"),
    /** The agency's reason for a refusal. */
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("change_list_entries_key").on(t.employerId, t.period, t.employeeId, t.kind)],
);

// ---------- issue 19: statements that reach the employee ----------

export const MAIL_KINDS = ["statement", "invite", "reset"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export const MAIL_STATES = ["queued", "sending", "sent", "failed"] as const;
export type MailState = (typeof MAIL_STATES)[number];

/**
 * The outbox: one row per message. A sender claims a row in a transaction
 * (state `sending`, `claimed_by`, `lease_until`) before talking to the mail
 * server and marks it `sent` after; `dedupe_key` is unique, so a second click
 * never enqueues the same statement version to the same address twice.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").$type<MailKind>().notNull(),
    /** `statement:<statement id>:<address>` and the like. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    statementId: integer("statement_id").references(() => statements.id),
    userId: integer("user_id").references(() => users.id),
    address: text("address").notNull(),
    locale: text("locale").notNull().default("zh-CN"),
    state: text("state").$type<MailState>().notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** The Message-ID the message was sent with (the same on every attempt). */
    messageId: text("message_id"),
    /** The server's reply to the accepted message. */
    smtpResponse: text("smtp_response"),
    nextAttemptAt: text("next_attempt_at").notNull(),
    claimedBy: text("claimed_by"),
    leaseUntil: text("lease_until"),
    sentAt: text("sent_at"),
    /** How many times HR asked for it to be sent (1 + resends). */
    sends: integer("sends").notNull().default(1),
    createdAt: createdAt(),
    /**
     * The employer the message concerns: the statement's, or the employer of
     * the invited or resetting employee. Null only for a staff account's
     * password reset, which concerns no employer (docs/scale.md: the outbox is
     * the installation's one queue).
     */
    employerId: integer("employer_id").references(() => employers.id),
  },
  (t) => [
    index("mail_outbox_due").on(t.state, t.nextAttemptAt),
    index("mail_outbox_statement").on(t.statementId),
  ],
);

/** Token links to one statement: only the SHA-256 of the token is stored. */
export const statementLinks = sqliteTable(
  "statement_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Looked up alone (the mailed link names no employer); 32 random bytes, unique with the employer. */
    tokenHash: text("token_hash").notNull(),
    statementId: integer("statement_id").notNull(),
    outboxId: integer("outbox_id").references(() => mailOutbox.id),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    /** After the last-6 check: the SHA-256 of the short-lived grant in the browser's cookie. */
    grantHash: text("grant_hash"),
    grantExpiresAt: text("grant_expires_at"),
    createdAt: createdAt(),
    /** The statement's employer (the composite foreign key guarantees it). */
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
  },
  (t) => [
    index("statement_links_statement").on(t.statementId),
    uniqueIndex("statement_links_token_key").on(t.employerId, t.tokenHash),
    index("statement_links_token").on(t.tokenHash),
    foreignKey({ name: "statement_links_statement_fk", columns: [t.employerId, t.statementId], foreignColumns: [statements.employerId, statements.id] }),
  ],
);

export const RESPONSE_KINDS = ["acknowledged", "disputed"] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];
export const DISPUTE_STATES = ["open", "corrected", "answered"] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

/** The employee's answer to one statement version: acknowledged, or disputed with a reason. */
export const statementResponses = sqliteTable(
  "statement_responses",
  {
    statementId: integer("statement_id").primaryKey(),
    kind: text("kind").$type<ResponseKind>().notNull(),
    reason: text("reason").notNull().default(""),
    at: text("at").notNull(),
    /** `link` or `portal`. */
    via: text("via").notNull(),
    /** Disputes only: open until HR corrects the statement or answers in writing. */
    disputeState: text("dispute_state").$type<DisputeState>(),
    answer: text("answer"),
    resolvedAt: text("resolved_at"),
    resolvedBy: text("resolved_by"),
    /** The statement's employer (the composite foreign key guarantees it). */
    employerId: integer("employer_id")
      .notNull()
      .references(() => employers.id),
  },
  (t) => [
    foreignKey({ name: "statement_responses_statement_fk", columns: [t.employerId, t.statementId], foreignColumns: [statements.employerId, statements.id] }),
  ],
);

/** Single-use set-password links (invites and "forgot password"): only the hash is stored. */
export const passwordTokens = sqliteTable(
  "password_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"invite" | "reset">().notNull(),
    outboxId: integer("outbox_id").references(() => mailOutbox.id),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("password_tokens_user").on(t.userId)],
);

/**
 * Per-employer data versions for the evaluation cache: a write for one
 * employer changes only that employer's version, whichever process or
 * connection made it, because triggers (migration `data_versions`) bump it,
 * never the app. Employer 0 is the reference data (policies, non-working
 * days), which every employer's evaluation reads. No foreign key: employer 0
 * does not exist, and a deleted employer's version may stay.
 */
export const dataVersions = sqliteTable("data_versions", {
  employerId: integer("employer_id").primaryKey(),
  version: integer("version").notNull(),
  /** Bumped instead of `version` by writes of payments and collection actions (what only the money part of an evaluation reads). */
  moneyVersion: integer("money_version").notNull().default(0),
});
