/**
 * The browser journeys' smoke run on PostgreSQL (issue 16.5): a throwaway
 * cluster, a fresh database seeded with the demo data through the real CLI,
 * the production server on it, and the journeys that write and read the most
 * (declare and pay a month, the collection ladder, the dashboard against the
 * findings). `npm run test:e2e:pg`; .ci/run runs it after the SQLite suite.
 */
import { spawnSync } from "node:child_process";
import { createEmptyDatabase, startPgCluster } from "../helpers/pg-cluster";

const SPECS = ["tests/e2e/workflows.spec.ts", "tests/e2e/dashboard.spec.ts"];

const cluster = await startPgCluster();
let code = 1;
try {
  const url = await createEmptyDatabase(cluster.url, "shebao_e2e");
  const port = String(Number(process.env.E2E_PORT ?? 3111) + 10);
  const run = spawnSync("npx", ["playwright", "test", "-c", "tests/playwright.config.ts", ...SPECS], {
    stdio: "inherit",
    env: { ...process.env, E2E_DATABASE_URL: url, E2E_PORT: port },
  });
  code = run.status ?? 1;
} finally {
  await cluster.stop();
}
process.exit(code);
