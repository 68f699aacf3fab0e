import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    include: ["app/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // With SHEBAO_TEST_DB=pg: one throwaway PostgreSQL cluster for the run (inject("pgUrl")).
    globalSetup: ["tests/helpers/pg-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
