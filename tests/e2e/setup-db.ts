/** A fresh e2e database: migrated, demo data seeded as of today, through the real CLI. */
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { runCli } from "../../app/cli/main";

const path = process.env.DATABASE_PATH ?? "tests/.tmp/e2e.db";
mkdirSync(dirname(path), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
const io = { stdout: process.stdout, stderr: process.stderr };
const code = await runCli(["--db", path, "seed", "demo"], io);
if (code !== 0) process.exit(code);
