/**
 * Issue 18, as HR does it: download the employees template, fill it (the test
 * writes the workbook, as HR's Excel would), upload it, see the rows as they
 * will be stored, confirm; then export the overdue report as Excel.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { signIn } from "./fixtures";

function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + "10X98765432"[[...first17].reduce((s, c, i) => s + Number(c) * w[i]!, 0) % 11];
}

test("HR fills the employees template, previews the rows as stored, imports them, and exports the overdue report as xlsx", async ({ page }, testInfo) => {
  await signIn(page, "hr");
  await page.goto("/imports");

  // 1. The template.
  const [templateDownload] = await Promise.all([page.waitForEvent("download"), page.locator('a[href="/templates/employees?format=xlsx"]').click()]);
  const templatePath = testInfo.outputPath("employees-template.xlsx");
  await templateDownload.saveAs(templatePath);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const sheet = wb.getWorksheet("数据")!;
  expect(sheet.getRow(1).getCell(1).value).toBe("工号");
  expect(sheet.getRow(2).getCell(1).value).toBe("employee_no");

  // 2. Filled as HR would: the example row replaced, a second row, a date cell, an amount with a ¥ format.
  const idA = residentId("44030519870214631");
  const idB = residentId("44030519921103742");
  const rows = [
    ["X901", "测试甲", "居民身份证", idA, "SH01", new Date(Date.UTC(2026, 0, 5)), null, "研发部", "", 9500],
    ["X902", "测试乙", "", idB, "SH01", "2026/1/12", null, "财务部", "", "¥12,000.00"],
  ];
  rows.forEach((values, i) => {
    const row = sheet.getRow(3 + i);
    values.forEach((v, j) => (row.getCell(j + 1).value = v as ExcelJS.CellValue));
    row.commit();
  });
  const filledPath = testInfo.outputPath("employees-filled.xlsx");
  await wb.xlsx.writeFile(filledPath);

  // 3. Upload: the preview shows the rows as they will be stored.
  await page.locator('select[name="kind"]').selectOption("employees");
  await page.locator('input[name="file"]').setInputFiles(filledPath);
  await page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
  const preview = page.getByTestId("import-preview-rows");
  await expect(preview).toBeVisible();
  await expect(page.getByTestId("import-source")).toContainText(/xlsx/);
  const first = preview.locator("tbody tr").nth(0);
  await expect(first).toContainText("测试甲");
  await expect(first).toContainText("2026-01-05");
  await expect(first).toContainText("¥9,500.00");
  const second = preview.locator("tbody tr").nth(1);
  await expect(second).toContainText("测试乙");
  await expect(second).toContainText("2026-01-12");
  await expect(second).toContainText("¥12,000.00");
  await expect(preview.locator("tbody tr")).toHaveCount(2);

  // 4. Confirm.
  await page.locator('form:has(input[name="intent"][value="confirm"]) button[type="submit"]').click();
  await expect(page.locator(".notice-ok")).toBeVisible();
  await expect(page).toHaveURL(/created=2/);
  await page.goto("/employees?q=X90");
  await expect(page.getByTestId("roster")).toContainText("测试甲");
  await expect(page.getByTestId("roster")).toContainText("测试乙");

  // 5. The overdue report as xlsx, from the findings page.
  await page.goto("/findings");
  const [reportDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-xlsx-links").locator('a[href^="/reports/overdue.xlsx"]').first().click()]);
  expect(reportDownload.suggestedFilename()).toMatch(/^overdue-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const reportPath = testInfo.outputPath(reportDownload.suggestedFilename());
  await reportDownload.saveAs(reportPath);
  expect(readFileSync(reportPath).subarray(0, 2).toString("latin1")).toBe("PK");
  const report = new ExcelJS.Workbook();
  await report.xlsx.readFile(reportPath);
  const ws = report.worksheets[0]!;
  expect(["规则", "Rule"]).toContain(ws.getCell("A1").value);
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(ws.actualRowCount).toBeGreaterThan(1);
});
