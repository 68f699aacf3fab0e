import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3111);
export const E2E_DB = process.env.E2E_DATABASE_PATH ?? "tests/.tmp/e2e.db";
/** A second server on PORT + 1 over an empty installation (one HR account, no data): the first-day journey. */
export const EMPTY_PORT = PORT + 1;
export const E2E_EMPTY_DB = E2E_DB.replace(/(\.db)?$/, "-empty.db");

/** Debian's Chromium where present (Playwright cannot download browsers here); else Playwright's own. */
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/**
 * PostgreSQL smoke (tests/e2e/pg-smoke.ts sets E2E_DATABASE_URL to a fresh
 * database of a throwaway cluster): one server on it, with the demo data.
 */
const PG_URL = process.env.E2E_DATABASE_URL;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Screenshots for the README are made on request (SCREENSHOTS=1), not in every run.
  grepInvert: process.env.SCREENSHOTS === "1" ? undefined : /@screenshot/,
  outputDir: ".tmp/test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: PG_URL
    ? [server(PORT, { DATABASE_URL: PG_URL })]
    : [
        // A fresh database with the demo data, then the production build.
        server(PORT, { DATABASE_PATH: E2E_DB }),
        // An empty installation: migrated, one HR account, nothing else (E2E_EMPTY=1).
        server(EMPTY_PORT, { DATABASE_PATH: E2E_EMPTY_DB, E2E_EMPTY: "1" }),
      ],
});

/** `tests/e2e/setup-db.ts` (the database), then the production server on `port`. */
function server(port: number, env: Record<string, string>) {
  return {
    command: `npx tsx tests/e2e/setup-db.ts && node server.mjs`,
    cwd: "..",
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", E2E: "1", ...env },
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  };
}
