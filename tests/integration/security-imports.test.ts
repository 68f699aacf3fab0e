/** Issue 21, finding 3: an import's error report is bounded, whatever the file. */
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/test-db";
import { MAX_IMPORT_ERRORS } from "~/shared/import-formats";
import { previewImport } from "~/models/import.server";

describe("finding 3: unbounded error reports", () => {
  it("a 200,000-column header is refused within 2 s with a report under 1 MB", async () => {
    const db = await openTestDatabase();
    const header = Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(",");
    const started = performance.now();
    const result = await previewImport(db, "employers", `${header}\n`);
    const took = performance.now() - started;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.length).toBeLessThanOrEqual(MAX_IMPORT_ERRORS);
    expect(JSON.stringify(result).length).toBeLessThan(1_000_000);
    expect(took).toBeLessThan(2000);
  });

  it("100,000 bad rows are reported as the first few hundred at most", async () => {
    const db = await openTestDatabase();
    const rows = Array.from({ length: 100_000 }, () => ",,,").join("\n");
    const result = await previewImport(db, "employers", `code,name,uscc,region\n${rows}\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeLessThanOrEqual(MAX_IMPORT_ERRORS);
    expect(JSON.stringify(result).length).toBeLessThan(1_000_000);
  });
});
