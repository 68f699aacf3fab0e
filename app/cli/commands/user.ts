import { eq, inArray } from "drizzle-orm";
import { employers, employees, ROLES, userEmployers, users, type Role } from "../../../db/schema";
import { SCOPABLE_ROLES } from "~/models/employer-scope.server";
import { audit, CLI_ACTOR } from "~/models/audit.server";
import { NEW_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from "~/utils/password-policy";
import { hashPassword } from "~/utils/password.server";
import { CliError, openExistingDb, parseOptions, UsageError, type CommandContext } from "../context";
import { hiddenPrompt, readFirstLine } from "../prompt";
import { transaction } from "../../../db/transaction";
import { closeDatabase } from "../../../db/connection";

/** The same rule as everywhere a password is set (password-policy.ts). */
export const MIN_PASSWORD_LENGTH = NEW_PASSWORD_MIN_LENGTH;

export const summary = "add a user (password from standard input)";
export const usage = `user add --email E --role ${ROLES.join("|")} [--employee NO] [--name N] [--employer CODE]...
  The password is the first line of standard input, or asked for (hidden) on a terminal;
  ${MIN_PASSWORD_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. An employee account names its employee (--employee NO).
  An hr or auditor account may be limited to employers (--employer CODE, repeatable; none = all).`;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function readPassword(ctx: CommandContext): Promise<string> {
  const stdin = ctx.io.stdin;
  if (!stdin) throw new CliError("the password is read from standard input, and there is none");
  if (stdin.isTTY) {
    const first = await hiddenPrompt(stdin, ctx.io.stderr, "Password: ");
    if (first === null) throw new CliError("cancelled; no user was added");
    if (first.length < MIN_PASSWORD_LENGTH) throw new CliError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters; no user was added`);
    const again = await hiddenPrompt(stdin, ctx.io.stderr, "Password again: ");
    if (again !== first) throw new CliError("the passwords do not match; no user was added");
    return first;
  }
  const line = await readFirstLine(stdin);
  if (line === null || line === "") throw new CliError("no password on standard input (give it as the first line); no user was added");
  return line;
}

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    email: { type: "string" },
    role: { type: "string" },
    employee: { type: "string" },
    name: { type: "string" },
    employer: { type: "string", multiple: true },
  });
  if (positionals.length !== 1 || positionals[0] !== "add") throw new UsageError(positionals.length ? `unknown user command "${positionals.join(" ")}"` : "user needs a subcommand: add");
  const email = (values.email ?? "").trim().toLowerCase();
  if (!email) throw new UsageError("--email is required");
  if (!EMAIL_RE.test(email) || email.length > 254) throw new UsageError(`"${values.email}" is not an e-mail address`);
  const role = values.role as Role | undefined;
  if (!role) throw new UsageError("--role is required");
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")} (got "${role}")`);
  const employeeNo = values.employee?.trim() || null;
  if (role === "employee" && !employeeNo) throw new UsageError("an employee account needs --employee NO");
  if (role !== "employee" && employeeNo) throw new UsageError(`--employee is only for the employee role (a ${role} account is not linked to an employee)`);
  const name = (values.name ?? "").trim();
  const employerCodes = [...new Set((values.employer ?? []).map((c) => c.trim()).filter((c) => c !== ""))];
  if (employerCodes.length > 0 && !(SCOPABLE_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--employer is only for the ${SCOPABLE_ROLES.join(" and ")} roles (a ${role} account sees ${role === "admin" ? "every employer" : "only its own portal"})`);
  }

  const db = await openExistingDb(ctx);
  try {
    // Check what can be checked before asking for the password.
    let employeeId: number | null = null;
    if (employeeNo) {
      const emp = await db.select({ id: employees.id }).from(employees).where(eq(employees.employeeNo, employeeNo)).get();
      if (!emp) throw new CliError(`no employee with number "${employeeNo}"`);
      employeeId = emp.id;
    }
    if (await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) throw new CliError(`a user with e-mail ${email} already exists`);
    const scoped = employerCodes.length ? await db.select({ id: employers.id, code: employers.code }).from(employers).where(inArray(employers.code, employerCodes)).all() : [];
    const unknown = employerCodes.filter((c) => !scoped.some((e) => e.code === c));
    if (unknown.length > 0) throw new CliError(`no employer with code ${unknown.map((c) => `"${c}"`).join(", ")}; no user was added`);

    const password = await readPassword(ctx);
    if (password.length < MIN_PASSWORD_LENGTH) throw new CliError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters (got ${password.length}); no user was added`);
    if (password.length > PASSWORD_MAX_LENGTH) throw new CliError(`the password must be at most ${PASSWORD_MAX_LENGTH} characters (got ${password.length}); no user was added`);
    const passwordHash = await hashPassword(password);

    const id = await transaction(db, async (tx) => {
        if (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) throw new CliError(`a user with e-mail ${email} already exists`);
        const row = await tx.insert(users).values({ email, name, role, employeeId, passwordHash }).returning({ id: users.id }).get();
        if (scoped.length) await tx.insert(userEmployers).values(scoped.map((e) => ({ userId: row.id, employerId: e.id }))).run();
        await audit(tx, CLI_ACTOR, {
          action: "create",
          entity: "user",
          entityId: row.id,
          after: { email, name, role, employeeId, ...(scoped.length ? { employers: scoped.map((e) => e.code).sort() } : {}) },
        });
        return row.id;
      },
    );
    const limits = scoped.length ? `, employers ${scoped.map((e) => e.code).sort().join(", ")}` : "";
    ctx.io.stdout.write(`added user ${email} (${role}${employeeNo ? `, employee ${employeeNo}` : ""}${limits}), id ${id}\n`);
    return 0;
  } finally {
    await closeDatabase(db);
  }
}
