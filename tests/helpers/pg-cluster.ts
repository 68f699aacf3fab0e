/**
 * A throwaway PostgreSQL cluster for tests: `initdb` in a fresh temporary
 * folder, started with `pg_ctl` on 127.0.0.1 (only) on a free port, trust
 * authentication, the superuser `postgres`. `stop()` stops it and removes the
 * folder; a cluster left running when the process exits is stopped too.
 *
 * The server binaries: `$SHEBAO_PG_BIN` when set, else the newest
 * `/usr/lib/postgresql/<version>/bin` (Debian's `postgresql` package; `bash
 * tests/helpers/ensure-postgresql.sh` installs it), else `initdb` on the PATH.
 * initdb refuses to run as root: as root, the server commands run as the
 * `postgres` system user (`runuser -u postgres --`, created when missing)
 * with the folder chowned to it.
 *
 * Fresh migrated databases in a few tens of milliseconds:
 * `createTemplateDatabase(url, migrate)` once, then `createDatabaseFrom(url,
 * template)` per test (CREATE DATABASE … TEMPLATE …).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface PgCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";

/** The folder holding initdb, pg_ctl and postgres, or an error that says how to get them. */
export function findPgBinDir(): string {
  const fromEnv = process.env.SHEBAO_PG_BIN;
  if (fromEnv) {
    if (existsSync(join(fromEnv, "initdb"))) return fromEnv;
    throw new Error(`SHEBAO_PG_BIN=${fromEnv} has no initdb in it.`);
  }
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(root, v, "bin", "initdb")))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    if (versions.length > 0) return join(root, versions[0]!, "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  const onPath = which.status === 0 ? which.stdout.trim() : "";
  if (onPath) return onPath.slice(0, onPath.lastIndexOf("/"));
  throw new Error(
    "No PostgreSQL server binaries (initdb) under /usr/lib/postgresql/*/bin or on the PATH: " +
      "run `bash tests/helpers/ensure-postgresql.sh` (Debian: apt-get install postgresql), " +
      "or set SHEBAO_PG_BIN to the folder holding initdb and pg_ctl.",
  );
}

/** A port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface RunAs {
  /** Prefix for a server command: `[]` or `["runuser", "-u", "postgres", "--"]`. */
  prefix: string[];
  uid?: number;
  gid?: number;
}

/** As root: the `postgres` system user (created when missing); else whoever we are. */
function serverUser(): RunAs {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return { prefix: [] };
  const lookup = () => spawnSync("id", ["-u", SUPERUSER], { encoding: "utf8" });
  if (lookup().status !== 0) {
    execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SUPERUSER], {
      stdio: "pipe",
    });
  }
  const uid = Number(lookup().stdout.trim());
  const gid = Number(spawnSync("id", ["-g", SUPERUSER], { encoding: "utf8" }).stdout.trim());
  return { prefix: ["runuser", "-u", SUPERUSER, "--"], uid, gid };
}

function argv(as: RunAs, command: string, args: string[]): [string, string[]] {
  const all = [...as.prefix, command, ...args];
  return [all[0]!, all.slice(1)];
}

function run(as: RunAs, command: string, args: string[]): string {
  const [file, rest] = argv(as, command, args);
  const result = spawnSync(file, rest, { encoding: "utf8", cwd: tmpdir() });
  if (result.status !== 0) {
    throw new Error(
      `${[command, ...args].join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBinDir();
  const as = serverUser();
  const folder = mkdtempSync(join(tmpdir(), "shebao-pg-"));
  if (as.uid !== undefined && as.gid !== undefined) chownSync(folder, as.uid, as.gid);
  chmodSync(folder, 0o700);
  const data = join(folder, "data");
  const log = join(folder, "server.log");
  const pgCtl = join(bin, "pg_ctl");

  let running = false;
  /** `pg_ctl stop -m immediate`, synchronously (also from the process's exit handler). */
  const killNow = () => {
    const [file, rest] = argv(as, pgCtl, ["stop", "-D", data, "-m", "immediate", "-w"]);
    spawnSync(file, rest, { stdio: "ignore", cwd: tmpdir() });
    running = false;
  };
  const stopSync = () => {
    if (running) {
      killNow();
    }
    rmSync(folder, { recursive: true, force: true });
  };
  const onExit = () => stopSync();
  process.once("exit", onExit);

  try {
    run(as, join(bin, "initdb"), ["-D", data, "-U", SUPERUSER, "--no-locale", "-E", "UTF8", "--auth=trust", "--no-sync"]);
    // A test cluster: nothing here must survive a crash, so no fsync.
    const options = [
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories='${folder}'`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=500",
    ];
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const port = await freePort();
      try {
        run(as, pgCtl, ["start", "-D", data, "-l", log, "-w", "-t", "60", "-o", `${options.join(" ")} -p ${port}`]);
        running = true;
        const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
        await waitUntilReady(url, 30_000);
        return {
          url,
          async stop() {
            process.removeListener("exit", onExit);
            if (running) {
              run(as, pgCtl, ["stop", "-D", data, "-m", "fast", "-w"]);
              running = false;
            }
            rmSync(folder, { recursive: true, force: true });
          },
        };
      } catch (error) {
        // Most likely another process took the port between freePort() and the start: try another.
        const logText = existsSync(log) ? readFileSync(log, "utf8") : "";
        lastError = new Error(`${String(error)}\n--- server log ---\n${logText}`);
        if (running) {
          killNow();
          running = false;
        }
      }
    }
    throw lastError;
  } catch (error) {
    process.removeListener("exit", onExit);
    stopSync();
    throw error;
  }
}

/** The same server, another database. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withClient<T>(url: string, f: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database migrated by `migrate(urlOfIt)` and marked as a template;
 * returns its name. `migrate` must close its connections before it resolves
 * (CREATE DATABASE … TEMPLATE refuses a template with open sessions).
 */
export async function createTemplateDatabase(url: string, migrate: (url: string) => Promise<void>): Promise<string> {
  const name = `shebao_template_${randomBytes(6).toString("hex")}`;
  await withClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  await migrate(databaseUrl(url, name));
  await withClient(url, (c) => c.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`));
  return name;
}

/** A fresh copy of `template` (from createTemplateDatabase): returns its URL. */
export async function createDatabaseFrom(url: string, template: string): Promise<string> {
  const name = `shebao_${randomBytes(8).toString("hex")}`;
  await withClient(url, async (c) => {
    const { rows } = await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    // PostgreSQL 15+: FILE_COPY copies the few files of a small database without WAL-logging every page.
    const strategy = Number(rows[0]!.v) >= 150000 ? " STRATEGY = FILE_COPY" : "";
    await c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}${strategy}`);
  });
  return databaseUrl(url, name);
}

/** Drops a database made by createDatabaseFrom (closing any session still on it). */
export async function dropDatabase(url: string, databaseUrlToDrop: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrlToDrop).pathname.slice(1));
  await withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** A new, empty database on the cluster (the command line's `migrate` fills it): returns its URL. */
export async function createEmptyDatabase(url: string, name: string): Promise<string> {
  await withClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return databaseUrl(url, name);
}
