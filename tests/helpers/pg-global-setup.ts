/**
 * vitest globalSetup: with `SHEBAO_TEST_DB=pg`, one throwaway PostgreSQL
 * cluster for the whole run, and a template database migrated with
 * drizzle/pg. Test files read them with
 *
 *   import { inject } from "vitest";
 *   const url = inject("pgUrl");             // the cluster's maintenance database
 *   const db = await createDatabaseFrom(url, inject("pgTemplate"));  // a fresh migrated database
 *
 * (also in process.env.SHEBAO_TEST_PG_URL / SHEBAO_TEST_PG_TEMPLATE). Without
 * SHEBAO_TEST_DB=pg it does nothing and both are "".
 */
import type { TestProject } from "vitest/node";
import { createTemplateDatabase, startPgCluster } from "./pg-cluster";
import { migratePg } from "./pg-migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** `postgres://…/postgres` of the run's cluster, or "" when SHEBAO_TEST_DB is not `pg`. */
    pgUrl: string;
    /** The migrated template database's name, or "". */
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.SHEBAO_TEST_DB !== "pg") {
    project.provide("pgUrl", "");
    project.provide("pgTemplate", "");
    return undefined;
  }
  const cluster = await startPgCluster();
  try {
    const template = await createTemplateDatabase(cluster.url, migratePg);
    project.provide("pgUrl", cluster.url);
    project.provide("pgTemplate", template);
    process.env.SHEBAO_TEST_PG_URL = cluster.url;
    process.env.SHEBAO_TEST_PG_TEMPLATE = template;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return () => cluster.stop();
}
