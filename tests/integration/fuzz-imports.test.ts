/**
 * Bad input, imports: every import kind is fed the golden fixtures' files
 * mutated at random (cells replaced by arbitrary strings, formula prefixes,
 * huge numbers, columns dropped, added or swapped, rows duplicated or cut,
 * BOMs, stray quotes, raw bytes spliced in) and wholly arbitrary text.
 *
 * Whatever the file: runImport never throws, and the answer is either
 * "imported" — every data row accounted for (created, replaced or unchanged)
 * and exactly one audit entry when something changed — or "rejected", with at
 * least one error and the database unchanged to the byte (a content hash of
 * every table).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteClient, wrapSqlite, type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { parseCsvRecords, toCsv } from "~/shared/csv";
import { IMPORT_KINDS, type ImportKind } from "~/shared/import-formats";
import { CLI_ACTOR } from "~/models/audit.server";
import { runImport } from "~/models/import.server";
import { auditCount, contentHash } from "../helpers/db-hash";
import { CASES_DIR, goldenCases } from "../helpers/golden";
import { closeDatabase } from "../../db/connection";
import { transaction } from "../../db/transaction";

/** Runs per import kind (mutated fixtures), and of wholly arbitrary text. */
const MUTATED_RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const ARBITRARY_RUNS = Math.ceil(MUTATED_RUNS / 4);

let tried = 0;
const outcomes = { imported: 0, rejected: 0 };
afterAll(() => {
  console.log(`fuzz-imports: ${tried} files tried over ${IMPORT_KINDS.length} kinds (${outcomes.imported} imported whole, ${outcomes.rejected} rejected with nothing written)`);
});

// ---------- the database before each import ----------

/**
 * A golden case loaded up to (not including) `kind`, to run each import
 * against. SQLite: a serialized image cloned per run. PostgreSQL: one database,
 * each run inside a transaction rolled back at its end (the import joins it).
 */
interface Base {
  run(check: (db: Db) => Promise<void>): Promise<void>;
}

class Rollback extends Error {}

async function baseOf(caseDir: string, kind: ImportKind): Promise<Base> {
  const db = await loaded(caseDir, kind);
  if (db.engine === "pg") {
    return {
      run: (check) =>
        transaction(db, async (tx) => {
          await check(tx);
          throw new Rollback();
        }).catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        }),
    };
  }
  const image = sqliteClient(db)!.serialize();
  await closeDatabase(db);
  return {
    async run(check) {
      const copy = wrapSqlite(new Database(image));
      try {
        await check(copy);
      } finally {
        await closeDatabase(copy);
      }
    },
  };
}

async function loaded(caseDir: string, kind: ImportKind): Promise<Db> {
  const db = await openTestDatabase();
  for (const k of IMPORT_KINDS) {
    if (k === kind) break;
    const p = join(caseDir, `${k}.csv`);
    if (!existsSync(p)) continue;
    const r = await runImport(db, k, readFileSync(p, "utf8"), CLI_ACTOR);
    if (!r.ok) throw new Error(`${caseDir} ${k}: ${JSON.stringify(r.errors.slice(0, 3))}`);
  }
  return db;
}

// ---------- mutations ----------

/** Strings people and programs put in CSV cells by mistake or on purpose. */
const nasty = fc.constantFrom(
  "",
  " ",
  "=1+1",
  "=HYPERLINK(\"http://x\")",
  "+SUM(A1:A9)",
  "-2+3",
  "@cmd",
  "\t=1",
  "9".repeat(400),
  "99999999999999999999.99",
  "1e308",
  "-1",
  "-0.00",
  "0.001",
  "NaN",
  "Infinity",
  "0x1F",
  "１２３４.５６",
  "1,000.00",
  "¥8000",
  "2026-02-30",
  "2026-13",
  "0000-00-00",
  "9999-12-31",
  "2026/01/05",
  "\"",
  "\"\"",
  "a\nb",
  "a\r\nb",
  ",",
  "\u0000",
  "\uFEFF",
  "\u202Ex",
  "'; DROP TABLE employees; --",
  "<script>alert(1)</script>",
  "  padded  ",
  "last",
  "half_up",
  "100%",
  "-5%",
  "E0",
  "ACME",
  "S000",
);
const cellValue = fc.oneof({ weight: 3, arbitrary: nasty }, { weight: 2, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) }, { weight: 1, arbitrary: fc.integer().map(String) });

type Records = string[][];
type Mutation = (r: Records) => Records;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // A cell replaced (a data cell or a header).
  fc.tuple(fc.nat(), fc.nat(), cellValue).map(([ri, ci, v]): Mutation => (r) => {
    const row = r[ri % r.length]!;
    if (row.length) row[ci % row.length] = v;
    return r;
  }),
  // A column dropped everywhere.
  fc.nat().map((ci): Mutation => (r) => r.map((row) => row.filter((_, i) => i !== ci % Math.max(1, r[0]!.length)))),
  // An extra column, named or not.
  fc.tuple(fc.constantFrom("extra", "", "code", "employee_no", "notes"), cellValue).map(([name, v]): Mutation => (r) => r.map((row, i) => [...row, i === 0 ? name : v])),
  // Two columns swapped in the data only.
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (r) => r.map((row, i) => {
    if (i === 0 || row.length < 2) return row;
    const x = a % row.length;
    const y = b % row.length;
    const out = [...row];
    [out[x], out[y]] = [row[y]!, row[x]!];
    return out;
  })),
  // A row duplicated, cut short, or dropped; the header dropped.
  fc.nat().map((ri): Mutation => (r) => [...r, [...r[ri % r.length]!]]),
  fc.tuple(fc.nat(), fc.nat()).map(([ri, n]): Mutation => (r) => r.map((row, i) => (i === ri % r.length ? row.slice(0, n % (row.length + 1)) : row))),
  fc.nat().map((ri): Mutation => (r) => r.filter((_, i) => r.length < 2 || i !== ri % r.length)),
  fc.constant<Mutation>((r) => r.slice(1)),
  // A huge number in every numeric cell of a row.
  fc.tuple(fc.nat(), fc.constantFrom("1e400", "9".repeat(30), "-99999999999", "12345678901234567890.123")).map(([ri, v]): Mutation => (r) => r.map((row, i) => (i > 0 && i === 1 + (ri % Math.max(1, r.length - 1)) ? row.map((c) => (/^-?\d/.test(c) ? v : c)) : row))),
);

/** Changes to the text after serializing: BOM, line endings, stray quotes, raw splices. */
const textMutation = fc.oneof(
  fc.constant((t: string) => t),
  fc.constant((t: string) => `\uFEFF${t}`),
  fc.constant((t: string) => `\uFEFF\uFEFF${t}`),
  fc.constant((t: string) => t.replaceAll("\n", "\r\n")),
  fc.constant((t: string) => t.replaceAll("\n", "\r")),
  fc.constant((t: string) => t.trimEnd()),
  fc.tuple(fc.nat(), fc.constantFrom('"', '""', "\u0000", "\r", ",,,", '"a"b', "\n\n\n")).map(([at, s]) => (t: string) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1))),
  fc.tuple(fc.nat(), fc.string({ unit: "binary", maxLength: 30 })).map(([at, s]) => (t: string) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1))),
);

// ---------- the property ----------

async function checkImport(base: Base, kind: ImportKind, text: string) {
  await base.run(async (db) => {
    const sqlite = db;
    const before = { hash: await contentHash(sqlite), audit: await auditCount(sqlite) };
    let result: Awaited<ReturnType<typeof runImport>>;
    try {
      result = await runImport(db, kind, text, CLI_ACTOR);
    } catch (e) {
      throw new Error(`runImport threw for ${kind}: ${(e as Error).stack}\n--- file ---\n${JSON.stringify(text.slice(0, 2000))}`);
    }
    tried++;
    const after = { hash: await contentHash(sqlite), audit: await auditCount(sqlite) };
    if (db.engine === "sqlite") expect(sqliteClient(db)!.pragma("foreign_key_check")).toEqual([]); // PostgreSQL checks foreign keys on every statement
    if (result.ok) {
      outcomes.imported++;
      const s = result.summary;
      expect(s.created + s.replaced + s.unchanged, "every row accounted for").toBe(s.rows);
      if (s.created + s.replaced > 0) {
        expect(after.audit, "one audit entry for an import that changed something").toBe(before.audit + 1);
        expect(after.hash).not.toBe(before.hash);
      } else {
        expect(after, "an import that changes nothing writes nothing").toEqual(before);
      }
    } else {
      outcomes.rejected++;
      expect(result.errors.length, "a rejection says why").toBeGreaterThan(0);
      for (const e of result.errors) expect(typeof e.message).toBe("string");
      expect(after, "a rejected file changes nothing").toEqual(before);
    }
  });
}

const cases = goldenCases();

describe.each(IMPORT_KINDS.map((k) => [k]))("import %s", (kind) => {
  const sources = cases
    .map((c) => ({ name: c.name, path: join(c.dir, `${kind}.csv`) }))
    .filter((s) => existsSync(s.path))
    .map((s) => ({ ...s, text: readFileSync(s.path, "utf8"), base: null as Base | null }));
  beforeAll(async () => {
    for (const s of sources) s.base = await baseOf(join(CASES_DIR, s.name), kind);
  });

  it("has golden files to start from, and each imports as it is", async () => {
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) await checkImport(s.base!, kind, s.text);
  });

  it("mutated golden files: imported whole or rejected with nothing written", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(sources.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), textMutation, async (which, mutations, finish) => {
        const source = sources[which]!;
        let records = parseCsvRecords(source.text).filter((r) => !(r.length === 1 && r[0] === ""));
        for (const m of mutations) if (records.length > 0) records = m(records.map((row) => [...row]));
        if (records.length === 0) records = [[""]];
        await checkImport(source.base!, kind, finish(toCsv(records)));
      }),
      { numRuns: MUTATED_RUNS },
    );
  });

  it("arbitrary text: never a throw, never a partial write", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(sources.length - 1), fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 }), fc.array(fc.array(cellValue, { maxLength: 12 }), { maxLength: 6 }).map((r) => toCsv(r))), async (which, text) => {
        const source = sources[which]!;
        // Half the time behind the right header, so the rows themselves are read.
        const header = parseCsvRecords(source.text)[0]!.join(",");
        await checkImport(source.base!, kind, text.length % 2 ? `${header}\n${text}` : text);
      }),
      { numRuns: ARBITRARY_RUNS },
    );
  });
});
