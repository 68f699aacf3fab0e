/** Staff manage their own sign-in: an auditor changes their password; an administrator disables and enables an account. */
import { expect, test } from "@playwright/test";
import { en } from "../../app/locales/en";
import { ACCOUNTS, signIn } from "./fixtures";

test.use({ locale: "en-US" });

const p = en.statements.password;

async function changePassword(page: import("@playwright/test").Page, current: string, next: string) {
  await page.getByLabel(p.current).fill(current);
  await page.getByLabel(p.new, { exact: true }).fill(next);
  await page.getByLabel(p.confirm).fill(next);
  await page.getByRole("button", { name: p.submit }).click();
}

test("an auditor changes their own password from the name in the top bar", async ({ page, browser }) => {
  const { email, password } = ACCOUNTS.auditor;
  await signIn(page, "auditor");
  // A second browser signed in as the same person.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "auditor");

  await page.getByRole("link", { name: en.users.accountLink }).click();
  await expect(page.getByRole("heading", { level: 1, name: en.users.accountTitle })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  // A mistake is named, and nothing changes.
  await changePassword(page, password, "short");
  await expect(page.getByText(p.errors.tooShort.replace("{{min}}", "12"))).toBeVisible();

  const next = "a brand new auditor passphrase";
  await changePassword(page, password, next);
  await expect(page.getByText(p.changed)).toBeVisible();
  // This browser stays signed in; the other one is signed out.
  await page.goto("/findings");
  await expect(page).toHaveURL((url) => url.pathname === "/findings");
  await otherPage.goto("/findings");
  await expect(otherPage).toHaveURL((url) => url.pathname === "/login");
  await other.close();

  // Back to the demo password for the other journeys.
  await page.goto("/account");
  await changePassword(page, next, password);
  await expect(page.getByText(p.changed)).toBeVisible();
});

test("an administrator disables an account, which ends its session, then enables it", async ({ page, browser }) => {
  const hrContext = await browser.newContext();
  const hrPage = await hrContext.newPage();
  await signIn(hrPage, "hr");

  await signIn(page, "admin");
  await page.getByRole("navigation", { name: en.nav.main }).getByRole("link", { name: en.nav.users }).click();
  await expect(page.getByRole("heading", { level: 1, name: en.users.title })).toBeVisible();
  const row = page.getByTestId("users").getByRole("row").filter({ hasText: ACCOUNTS.hr.email });
  await row.getByRole("button", { name: `${en.users.disable} ${ACCOUNTS.hr.email}` }).click();
  await expect(page.getByText(en.users.disabledNotice)).toBeVisible();

  await hrPage.goto("/employees");
  await expect(hrPage).toHaveURL((url) => url.pathname === "/login");

  await row.getByRole("button", { name: `${en.users.enable} ${ACCOUNTS.hr.email}` }).click();
  await expect(page.getByText(en.users.enabledNotice)).toBeVisible();
  await signIn(hrPage, "hr");
  await hrContext.close();
});
