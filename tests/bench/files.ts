/**
 * Issue 18's figures (`npm run bench`, or alone: `tsx tests/bench/run.ts --files`):
 *  - a 50,000-row employees `.xlsx` imported (read + validate + write, in
 *    memory) against the same rows as CSV; goal: within 3× the CSV time;
 *  - the overdue report as `.xlsx` streamed for 10,000 employees × 36 months of
 *    findings (360,000 rows, generated, so the figure needs no seeded data set)
 *    into a reader that drains it; goal: ≥ 20,000 rows/s with memory growth < 100 MB.
 */
import { openTestDatabase } from "../helpers/test-db";
import { readImportFile } from "../../app/server/import-file.server";
import { CLI_ACTOR } from "../../app/models/audit.server";
import { runImport } from "../../app/models/import.server";
import { residentIdCheckChar } from "../../app/rules/identity";
import type { Finding } from "../../app/rules/types";
import { reportSheet } from "../../app/server/report-xlsx.server";
import { xlsxBuffer, xlsxStream, type XlsxColumn } from "../../app/server/xlsx.server";
import { closeDatabase } from "../../db/connection";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);

function employeeRows(n: number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const first17 = `110105${1950 + Math.floor(i / 1000)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, "0")}`;
    rows.push([`S${String(i).padStart(6, "0")}`, `职工${i}`, first17 + residentIdCheckChar(first17), `2024-0${1 + (i % 9)}-1${i % 10}`, `部门${i % 7}`, `${5000 + (i % 1000)}.${String(i % 100).padStart(2, "0")}`]);
  }
  return rows;
}

async function timeImport(bytes: Uint8Array): Promise<number> {
  const db = await openTestDatabase();
  const e = await runImport(db, "employers", "code,name,uscc,region\nACME,Acme,91310000MA1FL8TQ36,sample-city\n", CLI_ACTOR);
  if (!e.ok) throw new Error("employers");
  const t0 = performance.now();
  const read = await readImportFile("employees", bytes);
  if (!read.ok) throw new Error(JSON.stringify(read.errors.slice(0, 3)));
  const r = await runImport(db, "employees", read.input, CLI_ACTOR);
  if (!r.ok || r.summary.created !== ROWS) throw new Error(JSON.stringify(r));
  const ms = performance.now() - t0;
  await closeDatabase(db);
  return ms;
}

function* findings(n: number): Generator<Finding> {
  for (let i = 0; i < n; i++) {
    yield {
      rule: "ART60_UNPAID",
      article: "60;63",
      severity: i % 3 ? "breach" : "critical",
      status: "open",
      employerCode: i % 2 ? "GRP-SH" : "GRP-BJ",
      period: `20${23 + Math.floor((i % 36) / 12)}-${String(1 + (i % 12)).padStart(2, "0")}`,
      employeeNo: `E${String(Math.floor(i / 36)).padStart(5, "0")}`,
      employeeName: `职工${Math.floor(i / 36)}`,
      dueDate: "2026-01-15",
      days: 300 + (i % 500),
      outstanding: 123_456 + i,
      lateFee: 7_890 + i,
      stage: null,
      exposure: null,
      detail: "premiums unpaid after the due date",
    } as unknown as Finding;
  }
}

export interface FilesBench {
  rows: number;
  csvMs: number;
  xlsxMs: number;
  streamRows: number;
  streamMs: number;
  /** CPU time the stream took (user + system): the rate on an idle core, where the machine is shared. */
  streamCpuMs: number;
  rssBefore: number;
  rssPeak: number;
}

export async function filesBench(): Promise<FilesBench> {
  const header = ["工号", "姓名", "身份证号码", "入职日期", "部门", "月工资"];
  const rows = employeeRows(ROWS);
  const csv = new TextEncoder().encode([header, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n");
  const columns: XlsxColumn<string[]>[] = header.map((h, i) => ({ header: h, type: i === 3 ? "date" : "text", value: (r) => r[i]! }));
  const xlsx = new Uint8Array(await xlsxBuffer([{ name: "花名册", columns, rows }]));
  const csvMs = Math.min(await timeImport(csv), await timeImport(csv));
  const xlsxMs = Math.min(await timeImport(xlsx), await timeImport(xlsx));

  global.gc?.();
  const streamRows = 10_000 * 36;
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  let rssPeak = rssBefore;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  let n = 0;
  for await (const chunk of xlsxStream([reportSheet("overdue", findings(streamRows), "zh")])) {
    bytes += (chunk as Buffer).length;
    if (++n % 50 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 2 ** 20);
  }
  const streamMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const streamCpuMs = (cpu.user + cpu.system) / 1000;
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 2 ** 20);
  if (bytes === 0) throw new Error("empty workbook");
  return { rows: ROWS, csvMs, xlsxMs, streamRows, streamMs, streamCpuMs, rssBefore, rssPeak };
}

export function printFiles(f: FilesBench): void {
  console.log(`\nHR files (issue 18), in process:`);
  console.log("| figure | value | goal |");
  console.log("| --- | ---: | --- |");
  console.log(`| ${f.rows.toLocaleString("en-US")} employees, CSV (Chinese headers): read + import | ${f.csvMs.toFixed(0)} ms | |`);
  console.log(`| the same rows as .xlsx: read + import | ${f.xlsxMs.toFixed(0)} ms (${(f.xlsxMs / f.csvMs).toFixed(1)}× CSV) | ≤ 3× CSV |`);
  console.log(
    `| overdue .xlsx streamed, ${f.streamRows.toLocaleString("en-US")} rows | ${f.streamMs.toFixed(0)} ms, ${Math.round(f.streamRows / (f.streamMs / 1000)).toLocaleString("en-US")} rows/s | ≥ 20,000 rows/s |`,
  );
  console.log(`| the same, per CPU second (the rate on an idle core) | ${Math.round(f.streamRows / (f.streamCpuMs / 1000)).toLocaleString("en-US")} rows/s | |`);
  console.log(`| RSS while streaming it | ${f.rssBefore.toFixed(0)} → ${f.rssPeak.toFixed(0)} MB (+${(f.rssPeak - f.rssBefore).toFixed(0)} MB) | growth < 100 MB |`);
}
