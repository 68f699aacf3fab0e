/** Shared helpers of the browser journeys: the demo accounts and signing in through the real form. */
import { expect, type Page } from "@playwright/test";

export type Role = "admin" | "hr" | "auditor" | "employee";

/** The demo accounts `cli seed demo` creates. */
export const ACCOUNTS: Record<Role, { email: string; password: string }> = {
  admin: { email: "admin@example.com", password: "demo-admin-passphrase" },
  hr: { email: "hr@example.com", password: "demo-hr-passphrase" },
  auditor: { email: "auditor@example.com", password: "demo-auditor-passphrase" },
  employee: { email: "employee@example.com", password: "demo-employee-passphrase" },
};

/** Where each role lands after signing in. */
export const HOME: Record<Role, string> = { admin: "/", hr: "/", auditor: "/", employee: "/me" };

/**
 * Sign in through the sign-in page, as a person would, and wait for the home
 * page of the role. Field names, not labels, so it works in either language.
 */
export async function signIn(page: Page, role: Role): Promise<void> {
  const { email, password } = ACCOUNTS[role];
  await page.goto("/login");
  const form = page.locator("form").filter({ has: page.locator('input[name="password"]') });
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await expect(page).toHaveURL((url) => url.pathname === HOME[role]);
  // The signed-in layout (with its sign-out button) is there.
  await expect(page.locator('form[action="/logout"]')).toBeVisible();
}

/** Today in Asia/Shanghai (YYYY-MM-DD): the app's "today" and the demo's seed date. */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}
