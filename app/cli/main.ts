/**
 * The command line: `npm run --silent cli -- [--db PATH] COMMAND ...`.
 *
 * Exit codes: 0 done, 1 failed (what and why on standard error, nothing
 * half-written), 2 bad arguments (with the usage). To add a command, write a
 * module in commands/ exporting `summary`, `usage` and `run`, and add one line
 * to COMMANDS.
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultDatabaseLocation } from "../../db/connection";
import * as backup from "./commands/backup";
import * as calendar from "./commands/calendar";
import * as importCommand from "./commands/import";
import * as migrate from "./commands/migrate";
import * as policy from "./commands/policy";
import * as report from "./commands/report";
import * as restore from "./commands/restore";
import * as seed from "./commands/seed";
import * as statementsCommand from "./commands/statements";
import * as template from "./commands/template";
import * as user from "./commands/user";
import { CliError, UsageError, type CliIo, type CommandModule } from "./context";

export type { CliIo } from "./context";

export const COMMANDS: Record<string, CommandModule> = {
  migrate,
  import: importCommand,
  user,
  backup,
  restore,
  seed,
  report,
  statements: statementsCommand,
  calendar,
  policy,
  template,
};

const GLOBAL_USAGE = `usage: npm run --silent cli -- [--db PATH] COMMAND [ARGS]
  --db PATH   the database (default: $DATABASE_PATH, else data/shebao.db)`;

function commandList(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join("\n");
}

function fullUsage(): string {
  return `${GLOBAL_USAGE}\n\ncommands:\n${commandList()}\n\n${Object.values(COMMANDS)
    .map((c) => c.usage)
    .join("\n")}\n`;
}

/** Run the command line in-process; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let dbPath: string | undefined;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--db") {
      const v = argv[i + 1];
      if (v === undefined || v === "") {
        io.stderr.write(`error: --db needs a PATH\n\n${GLOBAL_USAGE}\n`);
        return 2;
      }
      dbPath = v;
      i++;
    } else if (a.startsWith("--db=")) {
      dbPath = a.slice(5);
    } else if (a === "--help" || a === "-h" || a === "help") {
      io.stdout.write(fullUsage());
      return 0;
    } else if (a.startsWith("-")) {
      io.stderr.write(`error: unknown option ${a}\n\n${GLOBAL_USAGE}\n`);
      return 2;
    } else break;
  }
  const name = argv[i];
  const args = argv.slice(i + 1);
  if (name === undefined) {
    io.stderr.write(`error: no command given\n\n${GLOBAL_USAGE}\n\ncommands:\n${commandList()}\n`);
    return 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`error: unknown command "${name}"\n\n${GLOBAL_USAGE}\n\ncommands:\n${commandList()}\n`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(`usage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, { io, dbPath: dbPath || defaultDatabaseLocation() });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`error: ${e.message}\n\nusage: ${command.usage}\n`);
      return 2;
    }
    if (e instanceof CliError) {
      io.stderr.write(`error: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(`error: ${err?.message ?? String(e)}\n`);
    if (process.env.SHEBAO_DEBUG && err?.stack) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
