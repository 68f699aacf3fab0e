/**
 * HR's month on an employer of its own (unique codes per run), set up through
 * the browser imports with a Guangzhou-like `annual` policy (medical floor
 * ¥5,500 above the ¥4,000 pension floor) whose policies CSV uses the optional
 * columns: open the annual base declaration for the coming contribution year
 * and export it; open this month's change list, record two additions and one
 * leaver as submitted, and see the leaver's art. 50 finding close (unreported,
 * open → reported late, closed). Dates follow today (Asia/Shanghai): the app's
 * clock.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { residentIdCheckChar, usccCheckChar } from "../../app/rules/identity";
import { addMonths, monthOf } from "../../app/rules/dates";
import { signIn, todayInShanghai } from "./fixtures";

test.use({ locale: "en-US" });

const RUN = String(Date.now()).slice(-7);
const CODE = `GZ${RUN}`;
const REGION = `gz-city-${RUN}`;
const USCC17 = "91440100M000100Y4";
const w = en.workflows;
const h = en.hrMonth;
const idOf = (seq: string) => {
  const id17 = `44010619900101${seq}`;
  return id17 + residentIdCheckChar(id17);
};

async function importAndConfirm(page: Page, kind: string, fileName: string, csv: string, rows: number) {
  await page.goto("/imports");
  await page.getByLabel(w.fields.importKind).selectOption(kind);
  await page.locator('input[name="file"]').setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: w.imports.upload }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText(fileName);
  await preview.getByRole("button", { name: w.imports.confirm }).click();
  await expect(page.getByRole("status")).toContainText(`Imported ${rows} rows`);
}

test("HR declares the annual base, works the month's change list and closes a leaver's art. 50 finding", async ({ page }) => {
  const today = todayInShanghai();
  const month = monthOf(today);
  const lastMonth = addMonths(month, -1);
  const year = Number(today.slice(0, 4));
  // The coming contribution year (July): this year's July if it is still ahead (or this month), else next year's.
  const yearStart = Number(today.slice(5, 7)) <= 7 ? `${year}-07` : `${year + 1}-07`;
  const hire1 = `${CODE}-A1`;
  const hire2 = `${CODE}-A2`;
  const leaver = `${CODE}-L1`;
  const low = `${CODE}-W1`;

  await signIn(page, "hr");
  await importAndConfirm(page, "employers", "employers.csv", `code,name,uscc,region\n${CODE},Guangzhou Test ${RUN},${USCC17 + usccCheckChar(USCC17)},${REGION}\n`, 1);
  await importAndConfirm(
    page,
    "policies",
    "policies.csv",
    "region,effective_from,base_floor,base_cap,pension_employer,pension_employee,medical_employer,medical_employee,unemployment_employer,unemployment_employee,work_injury_employer,work_injury_employee,maternity_employer,maternity_employee,rounding_unit,rounding_mode,due_day,due_month_offset,late_fee_ppm_per_day,base_rule,base_year_start,medical_base_floor\n" +
      `${REGION},2024-01,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500,annual,7,5500.00\n`,
    1,
  );
  await importAndConfirm(
    page,
    "employees",
    "employees.csv",
    [
      "employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage",
      `${hire1},新员工甲,,${idOf("101")},${CODE},${month}-01,,,,6000.00`,
      `${hire2},新员工乙,,${idOf("102")},${CODE},${month}-01,,,,6500.00`,
      `${leaver},离职员工,,${idOf("103")},${CODE},2024-01-05,${lastMonth}-01,,,7000.00`,
      `${low},低薪员工,,${idOf("104")},${CODE},2024-01-05,,,,3000.00`,
    ].join("\n") + "\n",
    4,
  );
  await importAndConfirm(page, "registrations", "registrations.csv", `employee_no,applied_on,registered_on\n${leaver},2024-01-06,\n${low},2024-01-06,\n`, 2);

  // The annual base declaration for the coming year: the low wage is below the medical floor, so the bases differ.
  await page.getByRole("link", { name: h.nav.annualBase }).click();
  await page.getByLabel(en.fields.employer, { exact: true }).selectOption(CODE);
  await page.getByRole("button", { name: en.common.apply }).click();
  await expect(page.getByTestId("annual-summary")).toContainText(`Contribution year from ${yearStart}`);
  const table = page.getByTestId("annual-base-table");
  const lowRow = table.locator("tr", { hasText: low });
  await expect(lowRow).toContainText("¥3,000.00");
  await expect(lowRow).toContainText("¥4,000.00");
  await expect(lowRow).toContainText("¥5,500.00");

  // Export it: the agency's columns, Chinese headers, full identity numbers for HR.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: h.exportCsvFullIds }).click()]);
  expect(download.suggestedFilename()).toBe(`annual-base-${CODE}-${yearStart}.csv`);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("姓名,证件号码,缴费基数,养老保险缴费基数,医疗保险缴费基数");
  expect(lines).toContain(`低薪员工,${idOf("104")},3000.00,4000.00,5500.00`);

  // Before: the leaver's termination report is overdue (art. 50, open).
  await page.goto(`/registrations?finding=ART50_TERMINATION_UNREPORTED`);
  await expect(page.getByTestId(`art50-${leaver}`)).toContainText(en.rules.ART50_TERMINATION_UNREPORTED);

  // This month's change list: two additions and the leaver.
  await page.getByRole("link", { name: h.nav.changeList }).click();
  await page.getByLabel(en.fields.employer, { exact: true }).selectOption(CODE);
  await page.getByRole("button", { name: en.common.apply }).click();
  const list = page.getByTestId("change-list-table");
  await expect(list.locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("cutoff")).toHaveText(h.changes.noCutoff);
  for (const [kind, name] of [
    ["addition", "新员工甲"],
    ["addition", "新员工乙"],
    ["reduction", "离职员工"],
  ] as const) {
    await page.getByRole("checkbox", { name: `Select ${h.kinds[kind]}: ${name}` }).check();
  }
  await page.getByLabel(h.fields.state, { exact: true }).selectOption("submitted");
  await page.getByLabel(h.fields.date, { exact: true }).fill(today);
  await page.getByRole("button", { name: h.changes.record }).click();
  await expect(page.getByRole("status")).toHaveText("Recorded for 3 rows.");
  await expect(list.getByText(h.states.submitted, { exact: true })).toHaveCount(3);
  await expect(list).toContainText(`submitted on ${today}`);

  // After: the leaver's report is on record (today, after the deadline): the finding is closed.
  await page.goto(`/registrations?finding=ART50_TERMINATION_UNREPORTED`);
  await expect(page.getByTestId(`art50-${leaver}`)).toHaveCount(0);
  await page.goto(`/registrations?finding=ART50_TERMINATION_REPORTED_LATE`);
  const cell = page.getByTestId(`art50-${leaver}`);
  await expect(cell).toContainText(en.rules.ART50_TERMINATION_REPORTED_LATE);
  await expect(cell).toContainText(`Reported ${today}`);
  await page.goto(`/findings?employer=${CODE}&rule=ART50_TERMINATION_REPORTED_LATE&status=closed`);
  await expect(page.locator("main")).toContainText(leaver);
});
