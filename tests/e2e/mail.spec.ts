/**
 * Issue 19 from the browser: HR issues and sends a month; the test reads the
 * captured message (.eml outbox, no SMTP_URL), opens its link on a 390 × 844
 * phone, enters the last 6 characters and confirms; HR sees "acknowledged"
 * with the time. Another employee disputes with a reason, HR corrects, and the
 * employee receives the correction. No page scrolls sideways at that width.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { zhCN } from "../../app/locales/zh-CN";
import { formatMonth } from "../../app/hooks/use-format";
import { bodyOf, linkIn, subjectOf } from "../helpers/eml";
import { ACCOUNTS, signIn, todayInShanghai } from "./fixtures";

test.use({ locale: "en-US" });

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const E2E_DB = join(ROOT, process.env.E2E_DATABASE_PATH ?? "tests/.tmp/e2e.db");
/** The server writes .eml files beside its database when no SMTP_URL is set. */
const OUTBOX = join(dirname(E2E_DB), "outbox");
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN" };
const M = en.mail;
const Z = zhCN.mail;

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));

/** Two months before today's (Asia/Shanghai): October when today is in December. */
function twoMonthsAgo(): string {
  const [y, m] = todayInShanghai().split("-").map(Number) as [number, number];
  const n = y * 12 + (m - 1) - 2;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
}

/** Every captured message to an address, oldest first. */
function messagesTo(address: string): string[] {
  if (!existsSync(OUTBOX)) return [];
  return readdirSync(OUTBOX)
    .filter((f) => f.endsWith(".eml"))
    .sort((a, b) => Number(a.split("-")[0]) - Number(b.split("-")[0]) || a.localeCompare(b))
    .map((f) => readFileSync(join(OUTBOX, f), "utf8"))
    .filter((raw) => new RegExp(`^To: ${address.replace(/[.]/g, "\\.")}\\s*$`, "im").test(raw));
}

async function waitForMessages(address: string, n: number): Promise<string[]> {
  await expect.poll(() => messagesTo(address).length, { timeout: 30_000, message: `${n} message(s) to ${address}` }).toBeGreaterThanOrEqual(n);
  return messagesTo(address);
}

async function noSideways(page: Page, where: string) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `${where}: page width ${scroll} at a ${inner} px screen`).toBeLessThanOrEqual(inner);
}

interface Person {
  employeeNo: string;
  email: string;
  last6: string;
}

test.beforeAll(() => {
  rmSync(OUTBOX, { recursive: true, force: true });
});

test("HR sends October; one employee confirms on a phone, another disputes and receives the correction", async ({ browser }) => {
  const period = twoMonthsAgo();
  const shown = formatMonth("en", period);
  const today = todayInShanghai();

  // HR issues the month (dated today) and sends it.
  const hrContext = await browser.newContext({ locale: "en-US" });
  const hr = await hrContext.newPage();
  await signIn(hr, "hr");
  await hr.goto(`/statements?employer=SH01&period=${period}`);
  await expect(hr.getByTestId("issued-today")).toContainText(today);
  await hr.getByRole("button", { name: fill(en.statements.issue.submit, { period: shown }) }).click();
  await expect(hr.getByRole("status").filter({ hasText: /^Issued \d+, corrected 0, skipped \d+/ })).toBeVisible();
  await expect(hr.getByTestId("mail-mode")).toContainText(".eml");
  await hr.getByRole("button", { name: fill(M.evidence.send, { period: shown }) }).click();
  await expect(hr.getByTestId("send-done")).toContainText(/^Queued [1-9]\d*, queued again 0/);

  // The demo employee account (S1001) and a colleague with an address and a statement for the month.
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  let me: Person;
  let other: Person;
  try {
    const linked = db.prepare("SELECT e.employee_no AS employeeNo FROM users u JOIN employees e ON e.id = u.employee_id WHERE u.email = ?").get(ACCOUNTS.employee.email) as { employeeNo: string };
    const people = db
      .prepare(
        `SELECT DISTINCT e.employee_no AS employeeNo, e.email, substr(e.id_number, -6) AS last6 FROM statements s JOIN employees e ON e.id = s.employee_id JOIN employers r ON r.id = s.employer_id
         WHERE r.code = 'SH01' AND s.period = ? AND e.email <> '' ORDER BY e.employee_no`,
      )
      .all(period) as Person[];
    me = people.find((p) => p.employeeNo === linked.employeeNo)!;
    other = people.find((p) => p.employeeNo !== linked.employeeNo)!;
    expect(me, "the demo employee has a statement for the month").toBeTruthy();
    expect(other).toBeTruthy();
  } finally {
    db.close();
  }

  // The message: Chinese (the default), the month, the employee's own total, a link; nothing private.
  const [mine] = await waitForMessages(me.email, 1);
  expect(subjectOf(mine!)).toBe(fill(Z.msg.statement.subject, { month: formatMonth("zh-CN", period) }));
  const text = bodyOf(mine!);
  expect(text).toContain("本月个人缴费：¥");
  expect(text).not.toContain(me.last6);
  const token = linkIn(text);

  // The employee, on a phone, not signed in: the last 6 characters first.
  const phoneContext = await browser.newContext(PHONE);
  const phone = await phoneContext.newPage();
  await phone.goto(`/s/${token}`);
  await expect(phone.getByRole("heading", { level: 1, name: Z.link.confirmHeading })).toBeVisible();
  await noSideways(phone, "the confirmation step");
  await phone.getByLabel(Z.link.last6).fill("000000" === me.last6 ? "111111" : "000000");
  await phone.getByRole("button", { name: Z.link.open }).click();
  await expect(phone.getByRole("alert")).toHaveText(Z.link.wrong);
  await phone.getByLabel(Z.link.last6).fill(me.last6);
  await phone.getByRole("button", { name: Z.link.open }).click();
  await expect(phone.getByRole("heading", { level: 1 })).toContainText(formatMonth("zh-CN", period));
  // Totals first, the breakdown below; nothing wider than the screen.
  const total = await phone.getByTestId("employee-total").boundingBox();
  const breakdown = await phone.locator(".statement-table").boundingBox();
  expect(total!.y).toBeLessThan(breakdown!.y);
  // The employee's own tranche, without the employer's month-wide amounts (SPEC §6, 21.9).
  const tr = zhCN.statementFigures.tranche;
  const date = "\\d{4}年\\d{1,2}月\\d{1,2}日";
  const statuses = [tr.paid_in_full, tr.paid_in_full_nodate, tr.not_yet_due, tr.partly_paid, tr.unpaid].map((s) => s.replace("{{date}}", date).replace(/[()（）]/g, "\\$&"));
  await expect(phone.getByTestId("payment-status")).toHaveText(new RegExp(`^(${statuses.join("|")})$`));
  await expect(phone.getByTestId("payment-status")).not.toContainText("¥");
  await noSideways(phone, "the statement");
  // Not signed in: the portal still asks for a sign-in.
  expect((await phoneContext.cookies()).some((c) => c.name === "__session" && c.value)).toBe(false);
  await phone.getByRole("button", { name: Z.respond.acknowledge }).click();
  await expect(phone.getByTestId("statement-response")).toContainText("确认无误");

  // HR sees "acknowledged" with the time.
  await hr.goto(`/statements?employer=SH01&period=${period}&show=acknowledged`);
  const ackRow = hr.getByRole("row").filter({ has: hr.getByRole("cell", { name: me.employeeNo, exact: true }) });
  await expect(ackRow.getByTestId("acknowledged")).toHaveText(new RegExp(`^acknowledged ${today} \\d\\d:\\d\\d$`));

  // Another employee disputes, with a reason, from their link.
  const [theirs] = await waitForMessages(other.email, 1);
  const otherPhoneContext = await browser.newContext(PHONE);
  const otherPhone = await otherPhoneContext.newPage();
  await otherPhone.goto(`/s/${linkIn(bodyOf(theirs!))}`);
  await otherPhone.getByLabel(Z.link.last6).fill(other.last6);
  await otherPhone.getByRole("button", { name: Z.link.open }).click();
  const reason = `三月工资已上调，缴费基数不对（${Date.now()}）`;
  await otherPhone.getByLabel(Z.respond.reason).fill(reason);
  await otherPhone.getByRole("button", { name: Z.respond.dispute }).click();
  await expect(otherPhone.getByTestId("statement-response")).toContainText(reason);
  await noSideways(otherPhone, "the answered statement");

  // HR: the dispute is in the queue; HR corrects the statement, which is sent again as a correction.
  await hr.goto(`/statements?employer=SH01&period=${period}`);
  await expect(hr.getByTestId("open-disputes")).toContainText(reason);
  const row = hr.getByRole("row").filter({ has: hr.getByRole("cell", { name: other.employeeNo, exact: true }) });
  await row.getByLabel(en.statements.correct.reason).fill("基数按三月工资更正");
  await row.getByRole("button", { name: en.statements.correct.submit }).click();
  await expect(hr.getByRole("status").filter({ hasText: /corrected 1/ })).toBeVisible();
  await expect(hr.getByText(M.disputes.none)).toBeVisible();
  const after = await waitForMessages(other.email, 2);
  const correction = after[after.length - 1]!;
  expect(subjectOf(correction)).toMatch(/^更正：/);
  await otherPhone.goto(`/s/${linkIn(bodyOf(correction))}`);
  await otherPhone.getByLabel(Z.link.last6).fill(other.last6);
  await otherPhone.getByRole("button", { name: Z.link.open }).click();
  await expect(otherPhone.getByTestId("statement-reason")).toHaveText("基数按三月工资更正");
  await expect(otherPhone.getByRole("button", { name: Z.respond.acknowledge })).toBeVisible();

  // The portal on the phone: the latest month's own total first, no sideways scrolling.
  const portal = await phoneContext.newPage();
  await signIn(portal, "employee");
  await expect(portal.getByTestId("portal-latest")).toBeVisible();
  await noSideways(portal, "the portal");
  await portal.getByTestId("portal-latest").getByRole("link").click();
  await expect(portal.getByTestId("employee-total")).toBeVisible();
  await noSideways(portal, "the portal's statement");

  await hrContext.close();
  await phoneContext.close();
  await otherPhoneContext.close();
});

test("a link that is not one opens nothing", async ({ page }) => {
  const res = await page.goto("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("alert")).toHaveText(M.link.unavailable);
  await expect(page.locator(".statement")).toHaveCount(0);
});
