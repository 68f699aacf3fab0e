/**
 * The layering, read from the source (ADR 0014): the rules import nothing
 * outside app/rules; no model reaches React or i18next, directly or through
 * a module it imports; routes and components never import db/; the command
 * line holds no SQL and no transaction of its own.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APP = path.join(ROOT, "app");

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(full);
  }
  return out;
}

const rel = (file: string) => path.relative(ROOT, file);

/** Every module specifier a file imports or re-exports (static and dynamic). */
function specifiersOf(file: string, valuesOnly = false): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;
  for (const m of text.matchAll(re)) {
    // `import type …` erases at build time: it reaches nothing at run time.
    if (valuesOnly && /^\s*;?\s*(import|export)\s+type\s/.test(m[0])) continue;
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

/** A specifier resolved to a file of the project, or null for a package. */
function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const isReact = (spec: string) => /^(react|react-dom|@remix-run\/react)(\/|$)/.test(spec);
const isI18next = (spec: string) => /^(i18next|react-i18next)(\/|$)/.test(spec);
const inside = (file: string | null, dir: string) => file !== null && file.startsWith(path.join(ROOT, dir) + path.sep);

/** The packages a file reaches through the project's own modules, with the path that leads there. */
function reachedPackages(start: string, valuesOnly = false): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>([start]);
  const queue: [string, string[]][] = [[start, [rel(start)]]];
  while (queue.length > 0) {
    const [file, trail] = queue.shift()!;
    for (const spec of specifiersOf(file, valuesOnly)) {
      const target = resolve(file, spec);
      if (target === null) {
        if (!spec.startsWith(".") && !spec.startsWith("~/") && !found.has(spec)) found.set(spec, trail);
        continue;
      }
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push([target, [...trail, rel(target)]]);
    }
  }
  return found;
}

describe("import boundaries", () => {
  it("app/rules imports nothing outside app/rules (no models, no db, no React, no catalogs)", () => {
    // The one exception: the CSV writer (app/shared/csv.ts, pure) for a preset's policies file.
    const allowed = new Set([path.join(APP, "shared", "csv.ts")]);
    const problems: string[] = [];
    for (const file of filesUnder(path.join(APP, "rules"))) {
      for (const spec of specifiersOf(file)) {
        const target = resolve(file, spec);
        if (target === null || !(inside(target, "app/rules") || allowed.has(target))) problems.push(`${rel(file)} imports ${spec}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("no model reaches React or i18next, directly or through what it imports", () => {
    const problems: string[] = [];
    for (const file of filesUnder(path.join(APP, "models"))) {
      for (const [pkg, trail] of reachedPackages(file)) {
        if (isReact(pkg) || isI18next(pkg)) problems.push(`${trail.join(" → ")} → ${pkg}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("routes and components import nothing from db/", () => {
    const problems: string[] = [];
    for (const dir of ["routes", "components"]) {
      for (const file of filesUnder(path.join(APP, dir))) {
        for (const spec of specifiersOf(file)) {
          if (inside(resolve(file, spec), "db") || /(^|\/)db\//.test(spec)) problems.push(`${rel(file)} imports ${spec}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("app/cli holds no SQL: no query builder, no schema, no sql``, no raw SQL, no transaction of its own", () => {
    const problems: string[] = [];
    for (const file of filesUnder(path.join(APP, "cli"))) {
      for (const spec of specifiersOf(file)) {
        if (/^(drizzle-orm|better-sqlite3|pg)(\/|$)/.test(spec)) problems.push(`${rel(file)} imports ${spec}`);
        const target = resolve(file, spec);
        if (target && /\/db\/(schema|schema\.pg|transaction|pg-adapter)\.ts$/.test(target)) problems.push(`${rel(file)} imports ${spec}`);
      }
      const text = readFileSync(file, "utf8");
      const checks: [RegExp, string][] = [
        [/\bsql`/, "sql``"],
        [/\.(select|selectDistinct|insert|update|delete)\(\s*[^)]*\)\s*\.\s*(from|values|set|where)\b/, "a query builder"],
        [/\.(prepare|exec)\(\s*["'`]/, "a prepared statement"],
        [/["'`]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\s[^"'`]*/i, "a raw SQL string"],
        [/\btransaction\(\s*db\b/, "a transaction"],
      ];
      for (const [re, what] of checks) if (re.test(text)) problems.push(`${rel(file)} holds ${what}`);
    }
    expect(problems).toEqual([]);
  });

  it("app/shared and app/url-state are pure and browser-safe: no React, no i18next, no server module, no db, no Node built-in", () => {
    const problems: string[] = [];
    for (const dir of ["shared", "url-state"]) {
      for (const file of filesUnder(path.join(APP, dir))) {
        for (const [pkg, trail] of reachedPackages(file, true)) {
          if (isReact(pkg) || isI18next(pkg) || /^(node:|drizzle-orm|better-sqlite3|pg$|exceljs|nodemailer|@remix-run\/node)/.test(pkg)) problems.push(`${trail.join(" → ")} → ${pkg}`);
        }
        for (const spec of specifiersOf(file, true)) {
          const target = resolve(file, spec);
          if (target && (/\.server\.tsx?$/.test(target) || inside(target, "db") || inside(target, "app/models") || inside(target, "app/server"))) problems.push(`${rel(file)} imports ${spec}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("app/server holds server-only modules (*.server.ts, or the .mjs the Express layer loads); app/hooks holds hooks (use-*.ts)", () => {
    const problems: string[] = [];
    for (const file of filesUnder(path.join(APP, "server"))) if (!/\.server\.ts$|\.mjs$/.test(file)) problems.push(rel(file));
    for (const file of filesUnder(path.join(APP, "hooks"))) if (!/\/use-[a-z-]+\.tsx?$/.test(file)) problems.push(rel(file));
    expect(problems).toEqual([]);
  });

  it("no two modules share a file name, but for one topic across the layers (rules/x, models/x.server, routes/x, cli/commands/x)", () => {
    const LAYERS = ["app/rules", "app/models", "app/routes", "app/cli"];
    const layerOf = (file: string) => LAYERS.find((dir) => inside(file, dir)) ?? null;
    const byName = new Map<string, string[]>();
    for (const file of filesUnder(APP)) {
      if (inside(file, "app/locales")) continue; // the catalogs: one area name, one file per language
      if (inside(file, "app/routes") && /\/(route|columns|forms|tables)\.tsx?$/.test(file)) continue; // a folder route's own parts
      const name = path.basename(file).replace(/\.(server\.)?(ts|tsx|mjs)$/, "");
      byName.set(name, [...(byName.get(name) ?? []), rel(file)]);
    }
    const clashes = [...byName.values()].filter((files) => {
      if (files.length < 2) return false;
      const layers = files.map((f) => layerOf(path.join(ROOT, f)));
      // One topic in several layers is the layering itself; anything else (a helper folder, or twice in one layer) is a clash.
      return layers.some((l) => l === null) || new Set(layers).size < layers.length;
    });
    expect(clashes).toEqual([]);
  });

  it("the checks see what they are looking for (a rule importing a model would be caught)", () => {
    // The resolver and the import pattern on a known file: a model reaches drizzle through db/.
    const model = path.join(APP, "models", "account.server.ts");
    expect([...reachedPackages(model).keys()]).toContain("drizzle-orm");
    expect(specifiersOf(model).some((s) => resolve(model, s)?.endsWith(path.join("db", "transaction.ts")))).toBe(true);
  });
});
