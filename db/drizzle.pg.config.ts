import { defineConfig } from "drizzle-kit";

/** The PostgreSQL migrations (`DATABASE_URL=postgres://…`), from the pg-core mirror of the schema. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./drizzle/pg",
});
