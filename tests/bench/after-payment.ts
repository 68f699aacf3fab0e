/**
 * The first page after a payment (issue 16), on one data set over HTTP against
 * the production build:
 * - the dashboard and the findings page right after a payment written through
 *   another connection (as another server process or the command line would
 *   write it: the server learns of it from the employer's data version), 11
 *   times each, in turn (so a dashboard comes between two findings pages, as
 *   in use), median and ratio to the empty route (/about), measured before
 *   and between;
 * - a burst: 5 sessions at once, each recording 10 payments through the month
 *   page's form and opening the dashboard after each; p50 and p99 of those
 *   dashboard times.
 */
import { count, eq } from "drizzle-orm";
import { openDatabase, closeDatabase } from "../../db/connection";
import { employees, employers } from "../../db/schema";
import { CLI_ACTOR } from "../../app/models/audit.server";
import { recordPayment } from "../../app/models/payment.server";
import { benchServer, now, quantile, timed } from "./http";

export interface AfterPaymentFigures {
  label: string;
  employers: number;
  largest: { code: string; employees: number };
  empty: number;
  pages: { page: string; median: number; ratio: number }[];
  burst: { sessions: number; payments: number; p50: number; p99: number; ratio99: number; failures: number };
}

export async function afterPaymentBench(sourceDb: string, today: string, label: string): Promise<AfterPaymentFigures> {
  const server = await benchServer(sourceDb, "after");
  const { base } = server;
  const writer = openDatabase(server.dbPath);
  try {
    const cookie = await server.signIn();
    const sizes = await writer.select({ code: employers.code, n: count() }).from(employees).innerJoin(employers, eq(employers.id, employees.employerId)).groupBy(employers.code).all();
    const largest = sizes.reduce((a, b) => (b.n > a.n ? b : a));
    const asOf = `asOf=${today}`;
    const period = today.slice(0, 7);
    const pages = [
      { page: "dashboard", url: `${base}/?${asOf}` },
      { page: "findings", url: `${base}/findings?${asOf}` },
    ];
    const empties: number[] = [];
    for (const p of pages) await timed(p.url, cookie); // the first evaluation
    for (let i = 0; i < 30; i++) empties.push(await timed(`${base}/about`, cookie));
    // Each page alone after a payment, 11 times, the empty route measured between (so both see the same machine).
    let ref = 0;
    const samples = new Map<string, number[]>(pages.map((p) => [p.page, []]));
    for (let i = 0; i < 11; i++) {
      for (const p of pages) {
        empties.push(await timed(`${base}/about`, cookie));
        const r = await recordPayment(writer, CLI_ACTOR, { employer: largest.code, period, paidOn: today, amount: "1.00", reference: `bench-after-${ref++}` });
        if (!r.ok) throw new Error(`bench payment refused: ${JSON.stringify(r)}`);
        samples.get(p.page)!.push(await timed(p.url, cookie));
      }
    }
    const empty = quantile(empties, 0.5);
    const rows: AfterPaymentFigures["pages"] = pages.map((p) => {
      const median = quantile(samples.get(p.page)!, 0.5);
      return { page: p.page, median, ratio: median / empty };
    });

    // The burst: 5 sessions, 10 payments each through the web form, each followed by the dashboard.
    const SESSIONS = 5;
    const EACH = 10;
    const cookies = await Promise.all(Array.from({ length: SESSIONS }, () => server.signIn()));
    const codes = sizes.map((s) => s.code);
    const pageTimes: number[] = [];
    let failures = 0;
    await Promise.all(
      cookies.map(async (c, s) => {
        for (let i = 0; i < EACH; i++) {
          const employer = codes[(s + i) % codes.length]!;
          const res = await fetch(`${base}/months/${period}?employer=${encodeURIComponent(employer)}`, {
            method: "POST",
            headers: { cookie: c, Origin: base, "Sec-Fetch-Site": "same-origin" },
            body: new URLSearchParams({ intent: "payment", employer, period, paidOn: today, amount: "1.00", reference: `bench-burst-${s}-${i}` }),
            redirect: "manual",
          });
          await res.arrayBuffer();
          if (res.status !== 302) failures++;
          const t0 = now();
          const page = await fetch(`${base}/?${asOf}`, { headers: { cookie: c } });
          await page.arrayBuffer();
          pageTimes.push(now() - t0);
          if (page.status !== 200) failures++;
        }
      }),
    );
    const p99 = quantile(pageTimes, 0.99);
    return {
      label,
      employers: sizes.length,
      largest: { code: largest.code, employees: largest.n },
      empty,
      pages: rows,
      burst: { sessions: SESSIONS, payments: SESSIONS * EACH, p50: quantile(pageTimes, 0.5), p99, ratio99: p99 / empty, failures },
    };
  } finally {
    await closeDatabase(writer);
    await server.stop();
  }
}

export function printAfterPayment(figures: AfterPaymentFigures[]): void {
  console.log("\nthe first page after a payment (written through another connection), and a burst of payments:");
  console.log("| data set | page | median | × empty route | goal |");
  console.log("| --- | --- | ---: | ---: | --- |");
  for (const f of figures) {
    for (const p of f.pages)
      console.log(`| ${f.label} (${f.employers} employers; paid: ${f.largest.code}, ${f.largest.employees} employees) | ${p.page} | ${p.median.toFixed(1)} ms | ${p.ratio.toFixed(1)}× | ≤ 5× |`);
    const b = f.burst;
    console.log(
      `| ${f.label} | dashboard after each of ${b.payments} payments by ${b.sessions} sessions at once | p50 ${b.p50.toFixed(1)} ms, p99 ${b.p99.toFixed(1)} ms | p99 ${b.ratio99.toFixed(1)}× | printed |${b.failures ? ` ${b.failures} failed requests` : ""}`,
    );
    console.log(`| ${f.label} | empty route (/about) | ${f.empty.toFixed(1)} ms | | |`);
  }
}
