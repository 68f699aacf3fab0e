/** Browser imports: the held upload is bound to its user, kind and checksum, and expires; preview writes nothing. */
import { describe, expect, it } from "vitest";
import { previewImport, runImport } from "~/models/import.server";
import { dropUpload, sha256Of, STASH_TTL_MS, stashUpload, takeUpload } from "~/models/upload-stash.server";
import { ACTOR, count, workflowDb } from "./workflows-fixture";

const CSV = "employer_code,period,paid_on,amount,reference\nACME,2026-03,2026-03-10,1000.00,R1\n";

describe("held uploads", () => {
  it("are returned only to the same user, kind and checksum, until they expire", () => {
    const held = stashUpload(1, "payments", "p.csv", CSV, 1_000);
    expect(held.sha256).toBe(sha256Of(CSV));
    expect(takeUpload(1, held.id, "payments", held.sha256, 2_000)).toMatchObject({ ok: true, upload: { bytes: new TextEncoder().encode(CSV), fileName: "p.csv" } });
    expect(takeUpload(2, held.id, "payments", held.sha256, 2_000)).toEqual({ ok: false, code: "uploadExpired" });
    expect(takeUpload(1, held.id, "employers", held.sha256, 2_000)).toEqual({ ok: false, code: "uploadChanged" });
    expect(takeUpload(1, held.id, "payments", "0".repeat(64), 2_000)).toEqual({ ok: false, code: "uploadChanged" });
    expect(takeUpload(1, "nope", "payments", held.sha256, 2_000)).toEqual({ ok: false, code: "uploadExpired" });
    expect(takeUpload(1, held.id, "payments", held.sha256, 1_000 + STASH_TTL_MS + 1)).toEqual({ ok: false, code: "uploadExpired" });
    const again = stashUpload(1, "payments", "p.csv", CSV);
    dropUpload(again.id);
    expect(takeUpload(1, again.id, "payments", again.sha256).ok).toBe(false);
  });
});

describe("preview then import", () => {
  it("reports every bad row and writes nothing; the same file twice changes nothing", async () => {
    const db = await workflowDb();
    const audit0 = await count(db, "audit_log");
    const bad = CSV + "ACME,2026-13,2026-03-10,1.00,R2\nACME,2026-03,2026-03-10,-5,R3\n";
    const preview = await previewImport(db, "payments", bad);
    expect(preview.ok).toBe(false);
    expect(!preview.ok && preview.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "period"],
      [4, "amount"],
    ]);
    expect((await runImport(db, "payments", bad, ACTOR)).ok).toBe(false);
    expect(await count(db, "payments")).toBe(0);
    expect(await count(db, "audit_log")).toBe(audit0);
    expect(await previewImport(db, "payments", CSV)).toMatchObject({ ok: true, summary: { rows: 1, created: 1, replaced: 0, unchanged: 0 } });
    expect(await count(db, "payments")).toBe(0);
    expect(await runImport(db, "payments", CSV, ACTOR)).toMatchObject({ ok: true, summary: { created: 1 } });
    expect(await runImport(db, "payments", CSV, ACTOR)).toMatchObject({ ok: true, summary: { created: 0, replaced: 0, unchanged: 1 } });
    expect(await count(db, "payments")).toBe(1);
    expect(await count(db, "audit_log")).toBe(audit0 + 1);
  });
});
