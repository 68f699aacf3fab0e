/**
 * docs/scale.md gives the statements that place every table on a cluster
 * sharded by employer exactly as db/distribution.ts has them (issue 16): a
 * table added to the schema and placed there shows up on the page, or this fails.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { citusStatements, PLACEMENT } from "../../db/distribution";

const page = readFileSync(new URL("../../docs/scale.md", import.meta.url), "utf8");

describe("docs/scale.md and db/distribution.ts", () => {
  it("the page's SQL block is db/distribution.ts's statements, in order", () => {
    const blocks = [...page.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    const placing = blocks.filter((b) => /create_(distributed|reference)_table/.test(b));
    expect(placing).toEqual([citusStatements()]);
  });

  it("every table is placed once, reference tables before the distributed ones that may point at them", () => {
    const statements = citusStatements().split("\n");
    expect(statements).toHaveLength(Object.keys(PLACEMENT).length);
    const kinds = Object.values(PLACEMENT).map((p) => p.kind);
    expect(kinds.lastIndexOf("reference")).toBeLessThan(kinds.indexOf("distributed"));
    expect(statements[kinds.indexOf("distributed")]).toBe("SELECT create_distributed_table('data_versions', 'employer_id');");
  });
});
