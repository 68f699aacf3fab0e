/**
 * PostgreSQL's own backup tools for `backup` and `restore` (issue 16): the
 * command line never copies a PostgreSQL database itself.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "./context";

/** `pg_dump` or `pg_restore` on PATH, else in Debian's /usr/lib/postgresql/N/bin (newest first); null when absent. */
export function findPgTool(name: "pg_dump" | "pg_restore"): string | null {
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir && existsSync(join(dir, name))) return join(dir, name);
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, "bin", name))) return join(root, v, "bin", name);
  }
  return null;
}

export function requirePgTool(name: "pg_dump" | "pg_restore"): string {
  const tool = findPgTool(name);
  if (!tool) throw new CliError(`${name} was not found (on PATH or in /usr/lib/postgresql/*/bin): install PostgreSQL's client tools (Debian: apt-get install postgresql-client) and run the command again`);
  return tool;
}

/** Run a tool, resolving with its exit code and what it wrote to standard error. */
export function runTool(tool: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stderr }));
  });
}
