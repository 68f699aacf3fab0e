/**
 * Art. 60 and art. 4 from the browser: HR issues last month's statements and
 * corrects one with a reason (version 1 stays readable); the employee finds the
 * month in their portal, opens it, and HR sees when; an employee asking for
 * someone else's statement gets 404; the auditor reads but cannot issue.
 */
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { formatMonth } from "../../app/hooks/use-format";
import { signIn, todayInShanghai } from "./fixtures";

test.use({ locale: "en-US" });

const S = en.statements;

/** The month before today's (Asia/Shanghai), YYYY-MM. */
function lastMonth(): string {
  const [y, m] = todayInShanghai().split("-").map(Number) as [number, number];
  const n = y * 12 + (m - 1) - 1;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));

/** The value beside a label in the statement's facts list. */
const fact = (page: Page, label: string) => page.locator("dl.statement-facts dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");

/** E's own tranche for the month, never the employer's month-wide amounts (SPEC §6, issue 21.9). */
const PAYMENT = /^(Paid in full( on .+)?|Not yet due \(due .+\)|Partly paid \(due .+\)|Unpaid \(due .+\))$/;

test("HR issues last month's statements and corrects one; the employee opens it and HR sees when", async ({ browser }) => {
  const period = lastMonth();
  /** How the pages show the month (ADR 5): `Nov 2026` in English. */
  const shown = formatMonth("en", period);
  const today = todayInShanghai();
  // What HR types is data, in their own words (Chinese here); the untranslated-text check reads the audit log and portal later.
  const reason = `工资上调补录（${Date.now()}）`;

  // HR: the month of SH01, issued for everyone who has none yet, in one action.
  const hrContext = await browser.newContext({ locale: "en-US" });
  const hr = await hrContext.newPage();
  await signIn(hr, "hr");
  await hr.getByRole("navigation", { name: en.nav.main }).getByRole("link", { name: en.nav.statements }).click();
  await expect(hr.getByRole("heading", { level: 1, name: S.title })).toBeVisible();
  await hr.getByLabel(en.fields.employer).selectOption({ label: "SH01 · 上海申宝贸易有限公司" });
  await hr.getByLabel(S.month, { exact: true }).fill(period);
  await hr.getByRole("button", { name: S.show }).click();
  await expect(hr).toHaveURL((url) => url.searchParams.get("employer") === "SH01" && url.searchParams.get("period") === period);
  await expect(hr.getByRole("heading", { level: 2, name: `SH01 · 上海申宝贸易有限公司 · ${shown}` })).toBeVisible();
  // The web issues statements dated today (no date to choose).
  await expect(hr.getByTestId("issued-today")).toContainText(today);
  await expect(hr.locator("#batch-issuedOn")).toHaveCount(0);
  await hr.getByRole("button", { name: fill(S.issue.submit, { period: shown }) }).click();
  const done = hr.getByRole("status").filter({ hasText: /^Issued \d+, corrected 0, skipped \d+/ });
  await expect(done).toBeVisible();
  // Every liable employee now has one.
  const summary = (await hr.getByTestId("month-summary").textContent()) ?? "";
  const [, issued, liable] = /^(\d+) of (\d+) liable/.exec(summary) ?? [];
  expect(Number(liable)).toBeGreaterThan(50);
  expect(issued).toBe(liable);
  await expect(hr.getByRole("cell", { name: S.status.none })).toHaveCount(0);

  // The employee: the month is in the portal with its payment status; its figures match.
  const empContext = await browser.newContext({ locale: "en-US" });
  const emp = await empContext.newPage();
  await signIn(emp, "employee");
  const monthRow = emp.getByTestId("my-statements").getByRole("row").filter({ has: emp.getByRole("link", { name: shown, exact: true }) });
  await expect(monthRow).toHaveCount(1);
  await expect(monthRow.locator(".badge")).toHaveText(PAYMENT);
  const ownInList = (await monthRow.locator("td.num").first().textContent())!.trim();
  await monthRow.getByRole("link", { name: shown, exact: true }).click();
  await expect(emp).toHaveURL(/\/me\/statements\/\d+$/);
  const v1Url = new URL(emp.url()).pathname;
  await expect(emp.getByRole("heading", { level: 1 })).toHaveText(`${S.doc.heading} · ${shown}`);
  await expect(emp.getByTestId("employee-total")).toHaveText(ownInList);
  await expect(emp.getByTestId("payment-status")).toHaveText(PAYMENT);
  await expect(fact(emp, S.doc.maskedId)).toHaveText(/^\w{4}\*+\w{4}$/);
  await expect(emp.getByRole("cell", { name: /^¥[\d,]+\.\d\d$/ }).first()).toBeVisible();
  await expect(emp.getByText(S.explainer.accounts)).toBeVisible();
  await expect(emp.getByText(S.explainer.right)).toBeVisible();
  const employeeNo = (await fact(emp, S.doc.employeeNo).textContent())!.trim();
  const version1 = (await fact(emp, S.doc.version).textContent())!.trim();

  // HR corrects that employee's statement, with a reason: version n+1; the reason is shown; the old one stays readable.
  const row = hr.getByRole("row").filter({ has: hr.getByRole("cell", { name: employeeNo, exact: true }) });
  // A correction without a reason is refused by the server too (the browser stops it first).
  const noReason = await hr.request.post("/statements?index", {
    form: { intent: "one", employer: "SH01", period, issuedOn: today, employeeNo, correction: "1", reason: "" },
    maxRedirects: 0,
  });
  expect(noReason.status()).toBe(400);
  await row.getByLabel(S.correct.reason).fill(reason);
  await row.getByRole("button", { name: S.correct.submit }).click();
  await expect(hr.getByRole("status")).toHaveText(fill(S.issue.done, { issued: 0, corrected: 1, skipped: 0 }));
  const corrected = hr.getByRole("row").filter({ has: hr.getByRole("cell", { name: employeeNo, exact: true }) });
  const version2 = String(Number(version1) + 1);
  await expect(corrected.getByRole("link", { name: fill(S.status.version, { version: version2, date: today }) })).toBeVisible();
  await expect(corrected.getByText(S.status.corrected)).toBeVisible();
  await expect(corrected.getByText(S.status.notOpened)).toBeVisible();
  await corrected.getByRole("link", { name: fill(S.status.version, { version: version2, date: today }) }).click();
  await expect(hr.getByTestId("statement-version")).toHaveText(version2);
  await expect(hr.getByTestId("statement-reason")).toHaveText(reason);
  await expect(hr.getByText(S.doc.notViewed)).toBeVisible();
  await hr.getByRole("navigation", { name: S.doc.versions }).getByRole("link", { name: new RegExp(`^Version ${version1}, issued`) }).click();
  await expect(hr.getByTestId("statement-version")).toHaveText(version1);
  await expect(hr.getByText(S.doc.olderVersion)).toBeVisible();
  // HR reading the statement is not the employee's view.
  await hr.goBack();
  await hr.goBack();
  await expect(hr.getByRole("row").filter({ has: hr.getByRole("cell", { name: employeeNo, exact: true }) }).getByText(S.status.notOpened)).toBeVisible();

  // The employee sees the new version and its reason; version 1 is still there.
  await emp.goto("/me");
  const newRow = emp.getByTestId("my-statements").getByRole("row").filter({ has: emp.getByRole("link", { name: shown, exact: true }) });
  await expect(newRow).toContainText(fill(S.status.version, { version: version2, date: today }));
  await newRow.getByRole("link", { name: shown, exact: true }).click();
  await expect(emp.getByTestId("statement-version")).toHaveText(version2);
  await expect(emp.getByTestId("statement-reason")).toHaveText(reason);
  await expect(emp.getByRole("navigation", { name: S.doc.versions }).getByRole("link", { name: new RegExp(`^Version ${version1}, issued`) })).toHaveAttribute("href", v1Url);

  // HR now sees when the employee first opened the new version (Asia/Shanghai time).
  await hr.reload();
  const viewed = hr.getByRole("row").filter({ has: hr.getByRole("cell", { name: employeeNo, exact: true }) }).locator("time");
  await expect(viewed).toHaveText(new RegExp(`^${today} \\d\\d:\\d\\d$`));
  await hrContext.close();
  await empContext.close();
});

test("an employee asking for another employee's statement gets 404, page and data alike", async ({ browser }) => {
  const period = lastMonth();
  const emp = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signIn(emp, "employee");
  const own = await emp.getByTestId("my-statements").locator('a[href^="/me/statements/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!.split("/").pop()!));
  expect(own.length).toBeGreaterThan(0);

  const hr = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signIn(hr, "hr");
  await hr.goto(`/statements?employer=SH01&period=${period}`);
  const all = await hr.locator('tbody a[href^="/statements/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!.split("/").pop()!));
  const other = all.find((id) => !own.includes(id));
  expect(other).toBeTruthy();

  // The page: 404, nothing of the other statement.
  const response = await emp.goto(`/me/statements/${other}`);
  expect(response?.status()).toBe(404);
  await expect(emp.getByRole("heading", { level: 1, name: en.errors.notFoundTitle })).toBeVisible();
  await expect(emp.locator(".statement")).toHaveCount(0);
  // The loader's data: 404 too; the employee's own statement answers.
  const data = await emp.request.get(`/me/statements/${other}?_data=${encodeURIComponent("routes/me_.statements.$id")}`, { maxRedirects: 0 });
  expect(data.status()).toBe(404);
  expect(await data.text()).not.toContain("figures");
  const mine = await emp.request.get(`/me/statements/${own[0]}?_data=${encodeURIComponent("routes/me_.statements.$id")}`, { maxRedirects: 0 });
  expect(mine.status()).toBe(200);
  expect((await mine.json()).statement.id).toBe(Number(own[0]));
  // The staff address sends the employee to their own page, with no data.
  const staff = await emp.request.get(`/statements/${other}?_data=${encodeURIComponent("routes/statements.$id")}`, { maxRedirects: 0 });
  expect(staff.status()).toBe(204);
  expect(staff.headers()["x-remix-redirect"]).toBe("/me");
  await emp.goto(`/statements/${other}`);
  await expect(emp).toHaveURL((url) => url.pathname === "/me");
});

test("an auditor reads the statements but cannot issue or correct", async ({ page }) => {
  const period = lastMonth();
  await signIn(page, "auditor");
  await page.goto(`/statements?employer=SH01&period=${period}`);
  await expect(page.getByRole("heading", { level: 1, name: S.title })).toBeVisible();
  await expect(page.getByText(en.common.readOnly)).toBeVisible();
  await expect(page.locator('main form:not([method="get"])')).toHaveCount(0);
  await expect(page.getByRole("button", { name: S.correct.submit })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: S.missing.heading })).toBeVisible();
  // A statement opens read-only, and the batch print is there.
  await page.locator('tbody a[href^="/statements/"]').first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(S.doc.heading);
  const print = await page.request.get(`/statements/print?employer=SH01&period=${period}`);
  expect(print.status()).toBe(200);
  // Posting anyway: 403.
  const post = await page.request.post(`/statements?index`, {
    form: { intent: "issue", employer: "SH01", period, issuedOn: todayInShanghai() },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);
});

test("the batch print lays out every statement of the month for A4", async ({ page }) => {
  const period = lastMonth();
  await signIn(page, "hr");
  await page.goto(`/statements?employer=SH01&period=${period}`);
  await page.getByRole("link", { name: S.printMonth }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/statements/print");
  await expect(page.locator("article.statement").first()).toBeVisible();
  const count = await page.locator("article.statement").count();
  expect(count).toBeGreaterThan(50);
  await expect(page.getByText(fill(S.doc.printedCount, { count }))).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".topbar")).toBeHidden();
  await expect(page.getByRole("button", { name: S.print })).toBeHidden();
  const breakAfter = await page.locator("article.statement").first().evaluate((el) => getComputedStyle(el).breakAfter);
  expect(breakAfter).toBe("page");
});

/** docs/screenshots/statement.png and portal.png (SCREENSHOTS=1; see registration.spec.ts). */
test("a statement and the employee portal, for the README @screenshot", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1100 });
  await signIn(page, "employee");
  await expect(page.getByTestId("contributions-chart").locator("svg").first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: fileURLToPath(new URL("../../docs/screenshots/portal.png", import.meta.url)) });
  await page.getByTestId("my-statements").locator('a[href^="/me/statements/"]').first().click();
  await expect(page.getByTestId("payment-status")).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: fileURLToPath(new URL("../../docs/screenshots/statement.png", import.meta.url)), fullPage: true });
});

test("signed out, the statement pages send the visitor to sign in, with no data", async ({ request }) => {
  for (const path of ["/statements", "/statements/1", "/statements/print?employer=SH01&period=2026-01", "/me/statements/1"]) {
    const page = await request.get(path, { maxRedirects: 0 });
    expect(page.status(), path).toBe(302);
    expect(page.headers()["location"], path).toBe(`/login?${new URLSearchParams({ redirectTo: path })}`);
  }
  const data = await request.get(`/me/statements/1?_data=${encodeURIComponent("routes/me_.statements.$id")}`, { maxRedirects: 0 });
  expect(data.status()).toBe(204);
  expect(await data.text()).toBe("");
});
