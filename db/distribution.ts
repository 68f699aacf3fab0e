/**
 * How each table is placed on a PostgreSQL cluster that shards by a key
 * (Citus, issue 16, docs/scale.md): distributed by `employer_id`, all
 * co-located, or a reference table copied to every node.
 *
 * One list, read three ways: `citusStatements()` prints the statements that
 * docs/scale.md gives (a test holds the page to it);
 * tests/integration/citus-rules.test.ts checks the migrated PostgreSQL schema
 * against Citus's rules for each table's kind; tests/unit/shardable-by-employer
 * checks that every table is listed here.
 */
export type Placement =
  | { kind: "distributed"; why: string }
  | { kind: "reference"; why: string };

/** The distribution column of every distributed table. */
export const DISTRIBUTION_COLUMN = "employer_id";

/**
 * In the order the statements must run: a reference table before the tables
 * whose foreign keys point at it; a distributed table after the one it
 * references (they are co-located with `data_versions`, the first).
 */
export const PLACEMENT: Record<string, Placement> = {
  employers: { kind: "reference", why: "the tenants themselves; `code` is unique across employers" },
  policies: { kind: "reference", why: "reference data every employer's evaluation reads" },
  non_working_days: { kind: "reference", why: "reference data every employer's evaluation reads" },
  users: { kind: "reference", why: "accounts: staff see several or all employers" },
  sessions: { kind: "reference", why: "a user's sessions, read on every request" },
  login_attempts: { kind: "reference", why: "sign-in counters, per address or account" },
  mail_outbox: { kind: "reference", why: "the installation's one mail queue; a staff account's password reset concerns no employer" },
  password_tokens: { kind: "reference", why: "a user's set-password links" },
  audit_log: { kind: "reference", why: "the installation's one append-only log; its reads span employers" },
  employee_numbers: { kind: "reference", why: "employee numbers are unique per installation (SPEC §2), across employers" },
  data_versions: { kind: "distributed", why: "one row per employer" },
  employees: { kind: "distributed", why: "an employer's people" },
  wages: { kind: "distributed", why: "an employee's wage history" },
  registrations: { kind: "distributed", why: "an employee's registration and leaver report" },
  declaration_lines: { kind: "distributed", why: "an employer's declarations" },
  payments: { kind: "distributed", why: "an employer's payments" },
  collection_actions: { kind: "distributed", why: "an employer's collection case" },
  statements: { kind: "distributed", why: "an employer's monthly statements" },
  statement_links: { kind: "distributed", why: "the links mailed for a statement" },
  statement_responses: { kind: "distributed", why: "an employee's answer to a statement" },
  annual_base_declarations: { kind: "distributed", why: "an employer's contribution-year declarations" },
  change_list_entries: { kind: "distributed", why: "an employer's change lists" },
  user_employers: { kind: "distributed", why: "which employers an account may see" },
};

const ANCHOR = "data_versions";

/** The statements that place every table, in order (docs/scale.md). */
export function citusStatements(): string {
  return Object.entries(PLACEMENT)
    .map(([table, p]) =>
      p.kind === "reference"
        ? `SELECT create_reference_table('${table}');`
        : table === ANCHOR
          ? `SELECT create_distributed_table('${table}', '${DISTRIBUTION_COLUMN}');`
          : `SELECT create_distributed_table('${table}', '${DISTRIBUTION_COLUMN}', colocate_with => '${ANCHOR}');`,
    )
    .join("\n");
}
