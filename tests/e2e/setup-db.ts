/**
 * A fresh e2e database through the real CLI: migrated and seeded with the demo
 * data as of today, or (E2E_EMPTY=1) migrated with one HR account and nothing
 * else — the empty installation of the first-day journey.
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { runCli, type CliIo } from "../../app/cli/main";
import { EMPTY_ACCOUNT } from "./empty-account";

// PostgreSQL (the smoke run): a fresh database made by tests/e2e/pg-smoke.ts.
const path = process.env.DATABASE_URL ?? process.env.DATABASE_PATH ?? "tests/.tmp/e2e.db";
if (!process.env.DATABASE_URL) {
  mkdirSync(dirname(path), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
}
const io = { stdout: process.stdout, stderr: process.stderr };
if (process.env.E2E_EMPTY === "1") {
  let code = await runCli(["--db", path, "migrate"], io);
  if (code !== 0) process.exit(code);
  const stdin = Readable.from([Buffer.from(`${EMPTY_ACCOUNT.password}\n`)]) as unknown as CliIo["stdin"];
  code = await runCli(["--db", path, "user", "add", "--email", EMPTY_ACCOUNT.email, "--role", "hr", "--name", EMPTY_ACCOUNT.name], { ...io, stdin });
  if (code !== 0) process.exit(code);
} else {
  const code = await runCli(["--db", path, "seed", "demo"], io);
  if (code !== 0) process.exit(code);
}
