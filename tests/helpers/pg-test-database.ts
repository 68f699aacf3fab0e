/**
 * A migrated PostgreSQL database for a test file that needs PostgreSQL on both
 * test lines: a copy of the run's template on the run's cluster when
 * SHEBAO_TEST_DB=pg (tests/helpers/pg-global-setup.ts), else of a template on a
 * throwaway cluster started here. `release()` drops it (and stops that cluster).
 */
import { inject } from "vitest";
import { createDatabaseFrom, createTemplateDatabase, dropDatabase, startPgCluster, type PgCluster } from "./pg-cluster";
import { migratePg } from "./pg-migrate";

export async function migratedPgDatabase(): Promise<{ url: string; release(): Promise<void> }> {
  let base = inject("pgUrl");
  let template = inject("pgTemplate");
  let cluster: PgCluster | null = null;
  if (!base) {
    cluster = await startPgCluster();
    base = cluster.url;
  }
  if (!template) template = await createTemplateDatabase(base, migratePg);
  const url = await createDatabaseFrom(base, template);
  return {
    url,
    async release() {
      await dropDatabase(base, url);
      await cluster?.stop();
    },
  };
}
