/**
 * HR's art. 60 / 63 story on an employer of its own (unique codes per run),
 * set up through the browser imports: declare a month, pay part of it and see
 * ART60_UNPAID with the rule book's outstanding amount and late fee, pay the
 * rest and see it close as ART60_LATE_PAYMENT, order payment within a time
 * limit and watch the stage change, and a file with two bad rows rejected
 * whole. Expected figures are worked by hand from SPEC §3/§5 (sample-city, §9).
 */
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { residentIdCheckChar, usccCheckChar } from "../../app/rules/identity";
import { signIn } from "./fixtures";

test.use({ locale: "en-US" });

const RUN = String(Date.now()).slice(-7);
const CODE = `WF${RUN}`;
const REGION = `wf-city-${RUN}`;
const EMPLOYEE = `WF-E${RUN}`;
const USCC17 = "91350100M000100Y4";
/** A resident identity number of this run's own: each person has one employee number (duplicates are refused). */
const ID17 = `11010519491231${RUN.slice(-3)}`;
const w = en.workflows;

async function importCsv(page: Page, kind: string, fileName: string, csv: string) {
  await page.goto("/imports");
  await page.getByLabel(w.fields.importKind).selectOption(kind);
  await page.locator('input[name="file"]').setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: w.imports.upload }).click();
}

async function importAndConfirm(page: Page, kind: string, fileName: string, csv: string) {
  await importCsv(page, kind, fileName, csv);
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText(fileName);
  await expect(preview).toContainText(/SHA-256 [0-9a-f]{64}/);
  await preview.getByRole("button", { name: w.imports.confirm }).click();
  await expect(page.getByRole("status")).toContainText("Imported 1 rows: 1 new");
}

const monthUrl = (asOf: string) => `/months?employer=${CODE}&period=2026-03&asOf=${asOf}`;

test("HR declares and pays a month, and follows the collection ladder", async ({ page }) => {
  await signIn(page, "hr");
  await importAndConfirm(page, "employers", "employers.csv", `code,name,uscc,region\n${CODE},Workflow Test ${RUN},${USCC17 + usccCheckChar(USCC17)},${REGION}\n`);
  await importAndConfirm(
    page,
    "policies",
    "policies.csv",
    "region,effective_from,base_floor,base_cap,pension_employer,pension_employee,medical_employer,medical_employee,unemployment_employer,unemployment_employee,work_injury_employer,work_injury_employee,maternity_employer,maternity_employee,rounding_unit,rounding_mode,due_day,due_month_offset,late_fee_ppm_per_day\n" +
      `${REGION},2025-01,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500\n`,
  );
  await importAndConfirm(
    page,
    "employees",
    "employees.csv",
    `employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage\n${EMPLOYEE},流程测试,,${ID17 + residentIdCheckChar(ID17)},${CODE},2026-01-05,,,,8000.00\n`,
  );

  // The month as of 2026-03-20: ¥8,000.00 → required ¥2,816.00 (employer ¥1,976.00, employee ¥840.00), due 03-15, not declared.
  await page.goto(monthUrl("2026-03-20"));
  await expect(page.getByRole("heading", { level: 1, name: `${CODE} · 2026-03` })).toBeVisible();
  await expect(page.getByTestId("month-required")).toHaveText("¥2,816.00");
  await expect(page.getByTestId("month-due")).toHaveText("2026-03-15");
  const row = page.locator(`tr[data-employee="${EMPLOYEE}"]`);
  await expect(row).toContainText("¥1,976.00");
  await expect(row).toContainText("¥840.00");
  await expect(row).toContainText(w.month.notDeclared);
  await expect(page.locator('[data-rule="ART60_NOT_DECLARED"]')).toBeVisible();

  // Prepare the declaration, dated 2026-03-10.
  await page.locator("#prepare-declaredOn").fill("2026-03-10");
  await page.getByRole("button", { name: w.month.prepareSubmit }).click();
  await expect(page.getByRole("status")).toHaveText(w.month.saved);
  await expect(row).toContainText("declared 2026-03-10");
  await expect(page.locator('[data-rule="ART60_NOT_DECLARED"]')).toHaveCount(0);

  // Preparing again declares nobody: the error is shown, status 400, nothing written.
  await page.locator("#prepare-declaredOn").fill("2026-03-11");
  await page.getByRole("button", { name: w.month.prepareSubmit }).click();
  await expect(page.getByRole("alert")).toContainText("Every liable employee already has a declaration line");

  // Two partial payments (SPEC §9.6); a reused reference is refused beside its field.
  const pay = async (paidOn: string, amount: string, reference: string) => {
    await page.locator("#pay-paidOn").fill(paidOn);
    await page.locator("#pay-amount").fill(amount);
    await page.locator("#pay-reference").fill(reference);
    await page.getByRole("button", { name: w.month.recordPaymentSubmit }).click();
  };
  await page.goto(monthUrl("2026-03-20"));
  await pay("2026-03-10", "1000.00", `R1-${RUN}`);
  await expect(page.getByRole("status")).toHaveText(w.month.saved);
  await pay("2026-03-20", "1000.00", `R1-${RUN}`);
  await expect(page.locator("#pay-reference-error")).toContainText("is already used by another payment");
  await pay("2026-03-20", "1000.00", `R2-${RUN}`);
  await expect(page.getByRole("status")).toHaveText(w.month.saved);

  // As of 2026-03-31: unpaid ¥816.00, 16 days; N = 100000 × 5 + 81600 × 16 = 1805600 → late fee ¥9.03.
  await page.goto(monthUrl("2026-03-31"));
  await expect(page.getByTestId("month-paid")).toHaveText("¥2,000.00");
  await expect(page.getByTestId("month-outstanding")).toHaveText("¥816.00");
  await expect(page.getByTestId("month-late-fee")).toHaveText("¥9.03");
  const unpaid = page.locator('[data-rule="ART60_UNPAID"]');
  await expect(unpaid).toContainText("due 2026-03-15, 16 days");
  await expect(unpaid).toContainText("Outstanding ¥816.00");
  await expect(unpaid).toContainText("Late fee ¥9.03");

  // The findings page shows it too, with a link back to the month.
  await page.goto(`/findings?asOf=2026-03-31&employer=${CODE}&rule=ART60_UNPAID`);
  const finding = page.getByRole("row").filter({ hasText: "2026-03" });
  await expect(finding).toContainText("¥816.00");
  await expect(finding).toContainText("¥9.03");
  await finding.getByRole("link", { name: w.cure.month }).click();
  await expect(page).toHaveURL(/\/months\/2026-03\?employer=/);

  // Collection: an order on 2026-03-20 with a time limit of 2026-03-25.
  await page.goto(`/collection?employer=${CODE}&asOf=2026-03-20`);
  const march = page.locator('tr[data-period="2026-03"]');
  await expect(march.getByTestId("stage")).toHaveText(en.stages.overdue);
  await page.locator("#f-kind").selectOption("order");
  await page.locator("#f-actionDate").fill("2026-03-20");
  await page.locator("#f-periods").fill("2026-03");
  // A time limit before the action date is refused.
  await page.locator("#f-timeLimit").fill("2026-03-19");
  await page.getByRole("button", { name: w.collection.recordSubmit }).click();
  await expect(page.locator("#f-timeLimit-error")).toContainText("cannot be before the action date");
  await page.locator("#f-timeLimit").fill("2026-03-25");
  await page.getByRole("button", { name: w.collection.recordSubmit }).click();
  await expect(page.getByRole("status")).toHaveText(w.month.saved);
  await expect(march.getByTestId("stage")).toHaveText(en.stages.ordered);
  await expect(march).toContainText("time limit 2026-03-25, 5 days left");
  await page.goto(`/collection?employer=${CODE}&asOf=2026-03-26`);
  await expect(march.getByTestId("stage")).toHaveText(en.stages.order_expired);
  await expect(march).toContainText("passed 1 days ago");

  // The rest paid on 2026-04-05: as of 2026-04-30 the month is closed as paid late.
  // N = 100000 × 5 + 81600 × 21 = 2213600 → late fee round(1106.8) = ¥11.07.
  await page.goto(monthUrl("2026-04-30"));
  await pay("2026-04-05", "816.00", `R3-${RUN}`);
  await expect(page.getByRole("status")).toHaveText(w.month.saved);
  await expect(page.getByTestId("month-outstanding")).toHaveText("¥0.00");
  await expect(page.locator('[data-rule="ART60_UNPAID"]')).toHaveCount(0);
  const late = page.locator('[data-rule="ART60_LATE_PAYMENT"]');
  await expect(late).toContainText("due 2026-03-15, 21 days");
  await expect(late).toContainText("Late fee ¥11.07");
  await expect(page.getByTestId("payments").locator("tbody tr")).toHaveCount(3);

  // A payments file with two bad rows: both reported, nothing written.
  await importCsv(
    page,
    "payments",
    "bad-payments.csv",
    `employer_code,period,paid_on,amount,reference\n${CODE},2026-03,2026-04-06,1.00,R4-${RUN}\n${CODE},2026-13,2026-04-06,1.00,R5-${RUN}\n${CODE},2026-03,2026-04-31,1.00,R6-${RUN}\n`,
  );
  const errors = page.getByTestId("import-errors");
  await expect(page.getByRole("alert")).toContainText("2 problems");
  await expect(errors.locator("tbody tr")).toHaveCount(2);
  await expect(errors.locator("tbody tr").nth(0)).toContainText("3");
  await expect(errors.locator("tbody tr").nth(0)).toContainText("period");
  await expect(errors.locator("tbody tr").nth(1)).toContainText("paid_on");
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  await page.goto(monthUrl("2026-04-30"));
  await expect(page.getByTestId("payments").locator("tbody tr")).toHaveCount(3);
});

test("auditors see the workflow pages without forms and cannot post", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/months");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(en.common.readOnly)).toBeVisible();
  await expect(page.locator("#main form[method='post']")).toHaveCount(0);
  const res = await page.request.post("/months", { form: { intent: "payment", employer: "SH01", period: "2026-01", paidOn: "2026-01-10", amount: "1", reference: "x" } });
  expect(res.status()).toBe(403);
  await page.goto("/collection");
  await expect(page.locator("#main form[method='post']")).toHaveCount(0);
  expect((await page.request.post("/collection", { form: { employer: "SH01", kind: "court", actionDate: "2026-01-10", periods: "2026-01" } })).status()).toBe(403);
  expect((await page.request.post("/imports", { form: { id: "x", kind: "payments", sha256: "x" } })).status()).toBe(403);
});

test("employees are sent to their own page", async ({ page }) => {
  await signIn(page, "employee");
  await page.goto("/months");
  await expect(page).toHaveURL(/\/me$/);
  await page.goto("/collection");
  await expect(page).toHaveURL(/\/me$/);
});

test("HR adds a policy version and a non-working day; a version that changes no stored month needs no confirmation; the audit log shows it to the auditor", async ({ page }) => {
  const region = `wf-pol-${RUN}`;
  await signIn(page, "hr");
  await importAndConfirm(page, "non_working_days", "days.csv", `region,date\n${region},2026-10-01\n`);
  await page.goto("/settings/policies");
  const section = page.locator(`section[data-region="${region}"]`);
  await expect(section).toContainText("2026-10-01");
  await section.locator("details > summary").first().click();
  const form = section.getByRole("form", { name: w.policies.newVersion });
  await form.getByLabel(w.fields.effectiveFrom).fill("2025-01");
  await form.getByLabel(w.fields.baseFloor).fill("4000.00");
  await form.getByLabel(w.fields.baseCap).fill("20000.00");
  const rates: Record<string, string> = { pension_employer: "16%", pension_employee: "8%", medical_employer: "8.5%+0.5%", medical_employee: "2%+¥3.00", unemployment_employer: "0.5%", unemployment_employee: "0.5%", work_injury_employer: "0.2%", maternity_employer: "0%" };
  for (const [name, value] of Object.entries(rates)) await form.locator(`input[name="${name}"]`).fill(value);
  await form.getByRole("button", { name: w.policies.save }).click();
  // 2025-01 is already in force, but the region has no employer: no stored month changes, so no confirmation (issue 20).
  await expect(page.getByRole("status")).toHaveText(w.month.saved);
  await expect(page.locator(`section[data-region="${region}"] [data-version="2025-01"]`)).toContainText("8.5%+0.5% / 2%+¥3.00");

  await page.goto("/audit");
  expect((await page.request.get("/audit")).status()).toBe(403);

  await page.context().clearCookies();
  await signIn(page, "auditor");
  await page.goto(`/audit?entity=policy`);
  await expect(page.getByTestId("audit").locator("tbody tr").first()).toContainText(region);
  await expect(page.getByTestId("audit").locator("tbody tr").first()).toContainText("hr@example.com");
});
