/**
 * Issue 20, "the first day and every morning", in the browser.
 *
 * On an EMPTY installation (the second e2e server, tests/e2e/setup-db.ts with
 * E2E_EMPTY=1): HR signs in, follows the set-up checklist to create an employer
 * going live this month, looks for a city preset (none ships: see ADR 0011) and
 * enters the policy without being asked to confirm past months, applies the
 * State Council holiday calendar, imports a roster hired in 2024–2025, and the
 * dashboard shows no finding for any month before the go-live month, and the
 * checklist's remaining steps. Then, on the demo data, the "today" list names
 * the most expensive open item first (worked out here from the findings report).
 */
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { parseCsv } from "../../app/shared/csv";
import { residentIdCheckChar } from "../../app/rules/identity";
import { EMPTY_PORT } from "../playwright.config";
import { EMPTY_ACCOUNT } from "./empty-account";
import { signIn, todayInShanghai } from "./fixtures";

test.use({ locale: "en-US" });

const EMPTY = `http://127.0.0.1:${EMPTY_PORT}`;
const f = en.firstday;
const w = en.workflows;

async function importAndConfirm(page: Page, kind: string, fileName: string, csv: string, rows: number) {
  await page.goto(`${EMPTY}/imports`);
  await page.getByLabel(w.fields.importKind).selectOption(kind);
  await page.locator('input[name="file"]').setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: w.imports.upload }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText(fileName);
  await preview.getByRole("button", { name: w.imports.confirm }).click();
  await expect(page.getByRole("status")).toContainText(`Imported ${rows} rows: ${rows} new`);
}

/** Ten employees hired in 2024–2025 with valid resident identity numbers. */
function roster(code: string): string {
  const lines = ["employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage"];
  for (let i = 0; i < 10; i++) {
    const id17 = `31010119900101${String(100 + i).padStart(3, "0")}`;
    const hire = i < 5 ? `2024-0${i + 3}-1${i}` : `2025-0${i - 2}-0${i - 3}`;
    lines.push(`S${String(i + 1).padStart(3, "0")},员工${i + 1},,${id17}${residentIdCheckChar(id17)},${code},${hire},,,,${(9000 + i * 1500).toFixed(2)}`);
  }
  return `${lines.join("\n")}\n`;
}

const checklistState = async (page: Page) =>
  Object.fromEntries(await page.getByTestId("setup-checklist").locator("li[data-step]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-step"), e.getAttribute("data-done") === "true"])));

test("a new HR manager's first day on an empty installation: checklist, go-live month, policy, calendar, roster — and nothing before go-live", async ({ page }) => {
  const month = todayInShanghai().slice(0, 7);
  await page.goto(`${EMPTY}/login`);
  await page.locator('input[name="email"]').fill(EMPTY_ACCOUNT.email);
  await page.locator('input[name="password"]').fill(EMPTY_ACCOUNT.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(`${EMPTY}/`);
  // Greeted by name, and the checklist: every step to do.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.dashboard.welcome.replace("{{name}}", EMPTY_ACCOUNT.name));
  expect(Object.values(await checklistState(page))).toEqual([false, false, false, false, false, false]);

  // 1. The employer, going live this month (the form proposes it).
  await page.getByTestId("setup-checklist").getByRole("link", { name: f.checklist.steps.employer }).click();
  await expect(page).toHaveURL(`${EMPTY}/employers/new`);
  await expect(page.getByLabel(f.tracking.label)).toHaveValue(month);
  await page.getByLabel(en.fields.code, { exact: true }).fill("SH01");
  await page.getByLabel(en.fields.name, { exact: true }).fill("上海申宝贸易有限公司");
  await page.getByLabel(en.fields.uscc).fill("91310000MA1FL8TQ36");
  await page.getByLabel(en.fields.region, { exact: true }).fill("shanghai");
  await page.getByRole("button", { name: en.common.save }).click();
  await expect(page.getByTestId("saved-notice")).toHaveText(f.saved.employer);

  // 2. The policy: no preset ships without its notice, so HR types it — and no confirmation is asked (nothing is stored yet).
  await page.goto(`${EMPTY}/settings/policies`);
  await expect(page.getByTestId("presets")).toContainText(f.presets.check);
  const section = page.locator('section[data-region="shanghai"]');
  await section.locator("details > summary").first().click();
  const form = section.getByRole("form", { name: w.policies.newVersion });
  await form.getByLabel(w.fields.effectiveFrom).fill("2024-07");
  await form.getByLabel(w.fields.baseFloor).fill("7000.00");
  await form.getByLabel(w.fields.baseCap).fill("35000.00");
  const rates: Record<string, string> = { pension_employer: "16%", pension_employee: "8%", medical_employer: "8.5%+0.5%", medical_employee: "2%", unemployment_employer: "0.5%", unemployment_employee: "0.5%", work_injury_employer: "0.2%", maternity_employer: "1%" };
  for (const [name, value] of Object.entries(rates)) await form.locator(`input[name="${name}"]`).fill(value);
  await expect(form.getByLabel(f.policy.lateFee)).toHaveValue("5");
  await expect(form.getByLabel(w.fields.confirmPast)).toHaveCount(0);
  await form.getByRole("button", { name: w.policies.save }).click();
  await expect(page.getByRole("status")).toHaveText(w.month.saved);

  // 3. The holiday calendar of this year, weekends included.
  const calendar = page.getByRole("form", { name: f.calendar.title });
  await calendar.getByLabel(w.fields.region).selectOption("shanghai");
  await calendar.getByRole("button", { name: f.calendar.apply }).click();
  await expect(page.getByRole("status")).toContainText(/shanghai \d{4}: \d+ non-working days added, 0 were already there/);
  // Applying again writes nothing.
  await page.getByRole("form", { name: f.calendar.title }).getByRole("button", { name: f.calendar.apply }).click();
  await expect(page.getByRole("status")).toContainText(/: 0 non-working days added, \d+ were already there/);

  // 4. The roster, hired in 2024–2025.
  await importAndConfirm(page, "employees", "roster.csv", roster("SH01"), 10);

  // The dashboard: tracked from this month, the remaining steps, and no finding before go-live.
  await page.goto(`${EMPTY}/`);
  await expect(page.getByTestId("tracked-from")).toHaveText(f.tracking.tracked.replace("{{code}}", "SH01").replace("{{month}}", month));
  expect(await checklistState(page)).toEqual({ employer: true, policy: true, calendar: true, roster: true, registrations: false, declared: false });
  const csv = await (await page.request.get(`${EMPTY}/reports/findings.csv`)).text();
  const { header, rows } = parseCsv(csv.replace(/^\uFEFF/, ""));
  const periodAt = header.indexOf("period");
  const early = rows.map((r) => r.cells[periodAt]!).filter((p) => p !== "" && p < month);
  expect(early).toEqual([]);
  // The art. 58 rules too: registrations due before go-live are taken as made.
  expect(rows.filter((r) => r.cells[0]!.startsWith("ART58"))).toEqual([]);
});

test("every morning, on the demo data: the today list names the most expensive open item first", async ({ page }) => {
  await signIn(page, "hr");
  const csv = await (await page.request.get("/reports/findings.csv")).text();
  const { header, rows } = parseCsv(csv.replace(/^\uFEFF/, ""));
  const col = (name: string) => header.indexOf(name);
  const fen = (yuan: string) => Math.round(Number(yuan || "0") * 100);
  // What is at stake per unpaid month: what is overdue, plus the art. 86 fine maximum (3 × outstanding) once an order has expired.
  const stakes = new Map<string, number>();
  for (const r of rows) {
    const c = r.cells;
    if (c[col("status")] !== "open") continue;
    const rule = c[col("rule")]!;
    if (!["ART60_UNPAID", "ART63_ORDERED", "ART63_ORDER_EXPIRED", "ART63_COURT_ENFORCEMENT", "ART63_INSTALLMENT_MISSED"].includes(rule)) continue;
    const key = `${rule === "ART63_INSTALLMENT_MISSED" ? "installment" : "month"}|${c[col("employer_code")]}|${c[col("period")]}`;
    const out = fen(c[col("outstanding")]!);
    const prev = stakes.get(key) ?? 0;
    stakes.set(key, Math.max(prev, out) + (rule === "ART63_ORDER_EXPIRED" ? 3 * out : 0));
  }
  expect(stakes.size).toBeGreaterThan(0);
  const [top] = [...stakes.entries()].sort((a, b) => b[1] - a[1]);
  const [kind, employer, period] = top![0].split("|");
  await page.goto("/");
  const first = page.getByTestId("today").locator("li").first();
  await expect(first.getByRole("link")).toHaveAttribute("href", kind === "month" ? new RegExp(`^/months/${period}\\?employer=${employer}`) : new RegExp(`^/collection\\?employer=${employer}`));
  await expect(page.getByTestId("today").locator("li")).toHaveCount(5);
});
