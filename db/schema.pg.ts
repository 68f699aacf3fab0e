/**
 * The PostgreSQL mirror of `db/schema.ts`: the same tables, SQL names,
 * nullability, keys, unique constraints, indexes, foreign keys and defaults,
 * written with pg-core so that drizzle-kit can generate the PostgreSQL
 * migrations in `drizzle/pg/` (`npm run db:generate`).
 *
 * At run time the app uses the sqlite-core tables of `db/schema.ts` on both
 * databases (one model layer); this file only describes the PostgreSQL
 * storage. `tests/integration/pg-schema.test.ts` checks that the two agree.
 *
 * Storage mapping: autoincrement ids → `bigserial` (a bigint with a
 * sequence; explicit ids stay insertable); columns holding such an id →
 * `bigint`; every other integer (money in fen, ppm, counters) → `bigint`
 * read as a JS number (a month's total in fen can pass 2^31);
 * `integer({ mode: "boolean" })` → `boolean`; `text({ mode: "json" })` →
 * `json` (not jsonb: the key order is kept); text → text. Timestamps stay ISO
 * 8601 UTC text in SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ','now')` format.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  foreignKey,
  index,
  json,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { BaseRule, InsuranceBounds, PolicyRates } from "../app/rules/types";
import type {
  CollectionKind,
  DisputeState,
  IdType,
  MailKind,
  MailState,
  ResponseKind,
  Role,
  StatementSnapshot,
} from "./schema";

/** SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ','now')`: e.g. `2026-12-02T21:42:32.123Z`. */
export const ISO_NOW_PG = sql`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const createdAt = () => text("created_at").notNull().default(ISO_NOW_PG);
/**
 * An autoincrement id: a bigint with a sequence, explicit ids stay insertable.
 * Not an identity column: Citus distributes no int identity column, nor a
 * table with an identity column while it has foreign keys (docs/scale.md).
 */
const id = () => bigserial("id", { mode: "number" }).primaryKey();
/**
 * The id of a table distributed by employer: its primary key is
 * `(employer_id, id)` (Citus: a distributed table's keys contain the
 * distribution column), the sequence still numbers rows installation-wide.
 */
const scopedId = () => bigserial("id", { mode: "number" });
/** A column holding an id. */
const ref = (name: string) => bigint(name, { mode: "number" });
/** Money in fen, ppm and counters. */
const int8 = (name: string) => bigint(name, { mode: "number" });

export const employers = pgTable("employers", {
  id: id(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  uscc: text("uscc").notNull(),
  region: text("region").notNull(),
  trackingFrom: text("tracking_from"),
  createdAt: createdAt(),
});

export const policies = pgTable(
  "policies",
  {
    id: id(),
    region: text("region").notNull(),
    effectiveFrom: text("effective_from").notNull(),
    baseFloor: int8("base_floor").notNull(),
    baseCap: int8("base_cap").notNull(),
    rates: json("rates").$type<PolicyRates>().notNull(),
    roundingUnit: text("rounding_unit").$type<"fen" | "jiao" | "yuan">().notNull().default("fen"),
    roundingMode: text("rounding_mode").$type<"half_up" | "up">().notNull().default("half_up"),
    dueDay: text("due_day").notNull(),
    dueMonthOffset: int8("due_month_offset").notNull().default(0),
    lateFeePpmPerDay: int8("late_fee_ppm_per_day").notNull().default(500),
    baseRule: text("base_rule").$type<BaseRule>().notNull().default("wage"),
    baseYearStart: int8("base_year_start").notNull().default(7),
    insuranceBounds: json("insurance_bounds").$type<InsuranceBounds>().notNull().default(sql`'{}'`),
    changeCutoffDay: int8("change_cutoff_day"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("policies_region_from").on(t.region, t.effectiveFrom)],
);

export const nonWorkingDays = pgTable(
  "non_working_days",
  {
    region: text("region").notNull(),
    date: text("date").notNull(),
  },
  (t) => [primaryKey({ columns: [t.region, t.date] })],
);

export const employees = pgTable(
  "employees",
  {
    id: scopedId(),
    /** Unique per installation (SPEC §2) through `employee_numbers`, which spans employers. */
    employeeNo: text("employee_no").notNull(),
    name: text("name").notNull(),
    idType: text("id_type").$type<IdType>().notNull().default("resident_id"),
    idNumber: text("id_number").notNull(),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
    hireDate: text("hire_date").notNull(),
    terminationDate: text("termination_date"),
    department: text("department").notNull().default(""),
    email: text("email").notNull().default(""),
    mailLocale: text("mail_locale").notNull().default("zh-CN"),
    createdAt: createdAt(),
  },
  (t) => [
    index("employees_employer").on(t.employerId, t.hireDate),
    index("employees_name").on(t.name),
    uniqueIndex("employees_employer_key").on(t.employerId, t.id),
    index("employees_number").on(t.employeeNo),
    primaryKey({ name: "employees_pk", columns: [t.employerId, t.id] }),
    /** A look-up by id alone (the key leads with the employer). */
    index("employees_id").on(t.id),
  ],
);

export const wages = pgTable(
  "wages",
  {
    employeeId: ref("employee_id").notNull(),
    effectiveMonth: text("effective_month").notNull(),
    monthlyWage: int8("monthly_wage").notNull(),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
  },
  (t) => [
    /** Led by the employer (the distribution column); employee_id alone determines employer_id (the foreign key). */
    primaryKey({ columns: [t.employerId, t.employeeId, t.effectiveMonth] }),
    foreignKey({ name: "wages_employee_fk", columns: [t.employerId, t.employeeId], foreignColumns: [employees.employerId, employees.id] })
      .onDelete("cascade"),
  ],
);

export const registrations = pgTable(
  "registrations",
  {
    employeeId: ref("employee_id").notNull(),
    appliedOn: text("applied_on"),
    registeredOn: text("registered_on"),
    terminationReportedOn: text("termination_reported_on"),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
  },
  (t) => [
    primaryKey({ columns: [t.employerId, t.employeeId] }),
    foreignKey({ name: "registrations_employee_fk", columns: [t.employerId, t.employeeId], foreignColumns: [employees.employerId, employees.id] })
      .onDelete("cascade"),
  ],
);

export const declarationLines = pgTable(
  "declaration_lines",
  {
    id: scopedId(),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
    period: text("period").notNull(),
    /** An employee's id, checked by the models: the line stays with its employer when the employee moves. */
    employeeId: ref("employee_id").notNull(),
    declaredBase: int8("declared_base").notNull(),
    declaredOn: text("declared_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("declaration_lines_key").on(t.employerId, t.period, t.employeeId, t.declaredOn),
    index("declaration_lines_engine").on(t.employerId, t.employeeId, t.period, t.declaredBase, t.declaredOn),
    index("declaration_lines_employee").on(t.employeeId, t.period),
    primaryKey({ name: "declaration_lines_pk", columns: [t.employerId, t.id] }),
    /** A look-up by id alone (the key leads with the employer). */
    index("declaration_lines_id").on(t.id),
  ],
);

export const payments = pgTable(
  "payments",
  {
    id: scopedId(),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
    period: text("period").notNull(),
    paidOn: text("paid_on").notNull(),
    amount: int8("amount").notNull(),
    reference: text("reference").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payments_reference").on(t.employerId, t.reference),
    index("payments_period").on(t.employerId, t.period, t.paidOn),
    primaryKey({ name: "payments_pk", columns: [t.employerId, t.id] }),
    /** A look-up by id alone (the key leads with the employer). */
    index("payments_id").on(t.id),
  ],
);

export const collectionActions = pgTable(
  "collection_actions",
  {
    id: scopedId(),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
    kind: text("kind").$type<CollectionKind>().notNull(),
    actionDate: text("action_date").notNull(),
    periods: text("periods").notNull(),
    timeLimit: text("time_limit"),
    dueOn: text("due_on"),
    amount: int8("amount"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("collection_actions_employer").on(t.employerId, t.actionDate),
    primaryKey({ name: "collection_actions_pk", columns: [t.employerId, t.id] }),
    /** A look-up by id alone (the key leads with the employer). */
    index("collection_actions_id").on(t.id),
  ],
);

export const statements = pgTable(
  "statements",
  {
    id: scopedId(),
    /** An employee's id, checked by the models: the statement stays with its employer when the employee moves. */
    employeeId: ref("employee_id").notNull(),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
    period: text("period").notNull(),
    version: int8("version").notNull(),
    issuedOn: text("issued_on").notNull(),
    reason: text("reason").notNull().default(""),
    figures: json("figures").$type<StatementSnapshot>().notNull(),
    firstViewedAt: text("first_viewed_at"),
    recordedLater: boolean("recorded_later").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("statements_version").on(t.employerId, t.employeeId, t.period, t.version),
    index("statements_employer_period").on(t.employerId, t.period),
    uniqueIndex("statements_employer_key").on(t.employerId, t.id),
    index("statements_issued").on(t.employerId, t.employeeId, t.period, t.issuedOn),
    primaryKey({ name: "statements_pk", columns: [t.employerId, t.id] }),
    /** A look-up by id alone (the key leads with the employer). */
    index("statements_id").on(t.id),
  ],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull().unique(),
    name: text("name").notNull().default(""),
    role: text("role").$type<Role>().notNull(),
    /** An employee's id, checked by the models (a reference table has no foreign key to a distributed one). */
    employeeId: ref("employee_id"),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale"),
    disabledAt: text("disabled_at"),
    createdAt: createdAt(),
  },
  /** One account per employee (issue 15): a database fact, not only a check in createUser. */
  (t) => [uniqueIndex("users_employee").on(t.employeeId)],
);

export const userEmployers = pgTable(
  "user_employers",
  {
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.employerId] })],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: id(),
    key: text("key").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("login_attempts_key").on(t.key, t.at)],
);

/** Append-only: triggers in the migrations refuse UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    at: text("at").notNull(),
    /** A users.id, but not a foreign key (as in SQLite). */
    userId: ref("user_id"),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull().default(""),
    before: json("before"),
    after: json("after"),
  },
  (t) => [index("audit_log_at").on(t.at), index("audit_log_entity").on(t.entity, t.entityId)],
);

export const annualBaseDeclarations = pgTable(
  "annual_base_declarations",
  {
    id: scopedId(),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
    yearStart: text("year_start").notNull(),
    declaredOn: text("declared_on").notNull(),
    lines: json("lines").$type<{ employeeId: number; basis: number }[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("annual_base_declarations_year").on(t.employerId, t.yearStart, t.declaredOn),
    primaryKey({ name: "annual_base_declarations_pk", columns: [t.employerId, t.id] }),
    /** A look-up by id alone (the key leads with the employer). */
    index("annual_base_declarations_id").on(t.id),
  ],
);

export const changeListEntries = pgTable(
  "change_list_entries",
  {
    id: scopedId(),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
    period: text("period").notNull(),
    /** An employee's id, checked by the models: the entry stays with its employer when the employee moves. */
    employeeId: ref("employee_id").notNull(),
    kind: text("kind").$type<"addition" | "reduction" | "base_change">().notNull(),
    state: text("state").$type<"submitted" | "accepted" | "refused">().notNull(),
    submittedOn: text("submitted_on"),
    decidedOn: text("decided_on"),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("change_list_entries_key").on(t.employerId, t.period, t.employeeId, t.kind),
    primaryKey({ name: "change_list_entries_pk", columns: [t.employerId, t.id] }),
    /** A look-up by id alone (the key leads with the employer). */
    index("change_list_entries_id").on(t.id),
  ],
);

export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: id(),
    kind: text("kind").$type<MailKind>().notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    /** A statement's id, checked by the models (a reference table has no foreign key to a distributed one). */
    statementId: ref("statement_id"),
    userId: ref("user_id").references(() => users.id),
    address: text("address").notNull(),
    locale: text("locale").notNull().default("zh-CN"),
    state: text("state").$type<MailState>().notNull().default("queued"),
    attempts: int8("attempts").notNull().default(0),
    lastError: text("last_error"),
    messageId: text("message_id"),
    smtpResponse: text("smtp_response"),
    nextAttemptAt: text("next_attempt_at").notNull(),
    claimedBy: text("claimed_by"),
    leaseUntil: text("lease_until"),
    sentAt: text("sent_at"),
    sends: int8("sends").notNull().default(1),
    createdAt: createdAt(),
    employerId: ref("employer_id").references(() => employers.id),
  },
  (t) => [
    index("mail_outbox_due").on(t.state, t.nextAttemptAt),
    index("mail_outbox_statement").on(t.statementId),
  ],
);

export const statementLinks = pgTable(
  "statement_links",
  {
    id: scopedId(),
    /** Looked up alone (the mailed link names no employer); 32 random bytes, unique with the employer. */
    tokenHash: text("token_hash").notNull(),
    statementId: ref("statement_id").notNull(),
    outboxId: ref("outbox_id").references(() => mailOutbox.id),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    grantHash: text("grant_hash"),
    grantExpiresAt: text("grant_expires_at"),
    createdAt: createdAt(),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
  },
  (t) => [
    index("statement_links_statement").on(t.statementId),
    uniqueIndex("statement_links_token_key").on(t.employerId, t.tokenHash),
    index("statement_links_token").on(t.tokenHash),
    primaryKey({ name: "statement_links_pk", columns: [t.employerId, t.id] }),
    /** A look-up by id alone (the key leads with the employer). */
    index("statement_links_id").on(t.id),
    foreignKey({ name: "statement_links_statement_fk", columns: [t.employerId, t.statementId], foreignColumns: [statements.employerId, statements.id] }),
  ],
);

export const statementResponses = pgTable(
  "statement_responses",
  {
    statementId: ref("statement_id").notNull(),
    kind: text("kind").$type<ResponseKind>().notNull(),
    reason: text("reason").notNull().default(""),
    at: text("at").notNull(),
    via: text("via").notNull(),
    disputeState: text("dispute_state").$type<DisputeState>(),
    answer: text("answer"),
    resolvedAt: text("resolved_at"),
    resolvedBy: text("resolved_by"),
    employerId: ref("employer_id")
      .notNull()
      .references(() => employers.id),
  },
  (t) => [
    primaryKey({ name: "statement_responses_pk", columns: [t.employerId, t.statementId] }),
    /** A look-up by statement alone (the key leads with the employer). */
    index("statement_responses_statement").on(t.statementId),
    foreignKey({ name: "statement_responses_statement_fk", columns: [t.employerId, t.statementId], foreignColumns: [statements.employerId, statements.id] }),
  ],
);

export const passwordTokens = pgTable(
  "password_tokens",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"invite" | "reset">().notNull(),
    outboxId: ref("outbox_id").references(() => mailOutbox.id),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("password_tokens_user").on(t.userId)],
);

/**
 * The installation's employee numbers (SPEC §2: unique per installation). The
 * employees table is split by employer, so it cannot hold that uniqueness
 * itself; this table, copied to every node, does. Written by the models in the
 * transaction that writes the employee.
 */
export const employeeNumbers = pgTable("employee_numbers", {
  employeeNo: text("employee_no").primaryKey(),
  /** The employee's id (no foreign key: employees is distributed, this table is not). */
  employeeId: ref("employee_id").notNull(),
});

/**
 * Per-employer data versions for the evaluation cache: bumped by triggers
 * (migration `data_versions`), never by the app. Employer 0 is the reference
 * data (policies, non-working days). No foreign key: employer 0 does not exist.
 */
export const dataVersions = pgTable("data_versions", {
  employerId: ref("employer_id").primaryKey(),
  version: int8("version").notNull(),
  /** Bumped instead of `version` by writes of payments and collection actions (what only the money part of an evaluation reads). */
  moneyVersion: int8("money_version").notNull().default(0),
});
