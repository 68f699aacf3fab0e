/**
 * `user add`: a thin shell over the model (ADR 0014). The arguments are
 * parsed with the shared schemas, the account is checked and created by
 * `checkNewUser` and `createUser` (the same as the web form), and their coded
 * refusals are worded here.
 */
import { SCOPABLE_ROLES } from "~/models/employer-scope.server";
import { CLI_ACTOR } from "~/models/audit.server";
import { checkNewUser, createUser, UserRefused } from "~/models/user.server";
import { ROLES, type Role } from "~/shared/permissions";
import { NEW_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from "~/shared/password-policy";
import { ZodError } from "zod";
import { emailAddress, fieldErrorsOf, newPassword, validate, type FieldErrors } from "~/shared/validation";
import { CliError, openExistingDb, parseOptions, UsageError, type CommandContext } from "../context";
import { hiddenPrompt, readFirstLine } from "../prompt";
import { closeDatabase } from "../../../db/connection";

/** The same rule as everywhere a password is set (password-policy.ts). */
export const MIN_PASSWORD_LENGTH = NEW_PASSWORD_MIN_LENGTH;

export const summary = "add a user (password from standard input)";
export const usage = `user add --email E --role ${ROLES.join("|")} [--employee NO] [--name N] [--employer CODE]...
  The password is the first line of standard input, or asked for (hidden) on a terminal;
  ${MIN_PASSWORD_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. An employee account names its employee (--employee NO).
  An hr or auditor account may be limited to employers (--employer CODE, repeatable; none = all).`;

/** A refusal of the model, in words. */
function refusal(errors: FieldErrors, given: { email: string; employeeNo: string | null }): CliError {
  const [field, e] = Object.entries(errors)[0]!;
  if (field === "email" && e.code === "duplicate") return new CliError(`a user with e-mail ${given.email} already exists`);
  if ((field === "employeeNo" || field === "employeeId") && e.code === "notFound") return new CliError(`no employee with number "${given.employeeNo}"`);
  if ((field === "employeeNo" || field === "employeeId") && e.code === "duplicate") return new CliError(`employee "${given.employeeNo}" already has an account; no user was added`);
  if (field === "employers" && e.code === "unknownEmployer") {
    return new CliError(`no employer with code ${(e.detail ?? "").split(", ").map((c) => `"${c}"`).join(", ")}; no user was added`);
  }
  if (field === "name" && e.code === "tooLong") return new CliError("--name is too long (at most 100 characters); no user was added");
  return new CliError(`${field}: ${e.code}${e.detail ? ` (${e.detail})` : ""}; no user was added`);
}

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
  if (!(values.email ?? "").trim()) throw new UsageError("--email is required");
  const parsedEmail = validate(emailAddress(), values.email);
  if (!parsedEmail.ok) throw new UsageError(`"${values.email}" is not an e-mail address`);
  const email = parsedEmail.value;
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
    const given = { email, employeeNo };
    const checked = await checkNewUser(db, { email, employeeNo, employerCodes });
    if (!checked.ok) throw refusal(checked.errors, given);

    const password = await readPassword(ctx);
    const parsedPassword = validate(newPassword(), password);
    if (!parsedPassword.ok) {
      const code = parsedPassword.errors.form?.code;
      if (code === "tooLong") throw new CliError(`the password must be at most ${PASSWORD_MAX_LENGTH} characters (got ${password.length}); no user was added`);
      throw new CliError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters (got ${password.length}); no user was added`);
    }

    let id: number;
    try {
      id = await createUser(db, CLI_ACTOR, { email, name, role, password, employeeId: checked.value.employeeId, employerCodes });
    } catch (e) {
      if (e instanceof UserRefused) throw refusal(e.errors, given);
      if (e instanceof ZodError) throw refusal(fieldErrorsOf(e), given);
      throw e;
    }
    const scoped = [...employerCodes].sort();
    const limits = scoped.length ? `, employers ${scoped.join(", ")}` : "";
    ctx.io.stdout.write(`added user ${email} (${role}${employeeNo ? `, employee ${employeeNo}` : ""}${limits}), id ${id}\n`);
    return 0;
  } finally {
    await closeDatabase(db);
  }
}
