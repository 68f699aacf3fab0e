/** Who may see and do what, from the browser: the auditor reads, the signed-out visitor signs in, the employee stays on /me. */
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { ACCOUNTS, signIn } from "./fixtures";

test.use({ locale: "en-US" });

/** Every page of the app that needs a signed-in user. */
const PAGES = [
  "/",
  "/employees",
  "/employees/new",
  "/employees/1",
  "/employers",
  "/employers/new",
  "/employers/1",
  "/registrations",
  "/findings",
  "/me",
  "/reports/overdue.csv",
  "/reports/findings.csv",
];

/** Nothing in the page's content that changes data: no POST forms, no record-date inputs, no links to create forms. */
async function expectNoWriteControls(page: Page) {
  const main = page.locator("main");
  await expect(main.locator('form:not([method="get"])')).toHaveCount(0);
  await expect(main.locator('input[type="date"][name="date"]')).toHaveCount(0);
  await expect(main.locator('a[href$="/new"]')).toHaveCount(0);
  for (const name of [en.common.save, en.registrations.recordApplied, en.registrations.recordRegistered, en.employees.terminateSubmit, en.employees.addWageSubmit]) {
    await expect(main.getByRole("button", { name })).toHaveCount(0);
  }
}

test("an auditor can read but not edit", async ({ page }) => {
  await signIn(page, "auditor");

  // The roster: listed, no way to create or edit.
  await page.goto("/employees");
  await expect(page.getByRole("heading", { level: 1, name: en.employees.title })).toBeVisible();
  expect(await page.locator("tbody tr").count()).toBeGreaterThan(10);
  await expect(page.getByRole("link", { name: en.employees.new })).toHaveCount(0);
  await expectNoWriteControls(page);

  // One employee: the details, the identity number masked, no edit, termination or wage forms.
  await page.locator("tbody tr").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/employees\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Employee ");
  await expect(page.getByRole("heading", { name: en.employees.wageHistory })).toBeVisible();
  await expect(page.locator('input[name="idNumber"]')).toHaveCount(0);
  await expectNoWriteControls(page);

  // Employers: listed, neither the new-employer link nor the edit form.
  await page.goto("/employers");
  await expect(page.getByRole("heading", { level: 1, name: en.employers.title })).toBeVisible();
  await expect(page.getByRole("cell", { name: "SH01" })).toBeVisible();
  await expect(page.getByRole("link", { name: en.employers.new })).toHaveCount(0);
  await expectNoWriteControls(page);
  await page.getByRole("link", { name: "SH01" }).click();
  await expect(page).toHaveURL(/\/employers\/\d+$/);
  await expect(page.locator('input[name="uscc"]')).toHaveCount(0);
  await expectNoWriteControls(page);

  // The registration tracker: read only, no actions column, no record forms.
  await page.getByRole("navigation", { name: en.nav.main }).getByRole("link", { name: en.nav.registrations }).click();
  await expect(page.getByRole("heading", { level: 1, name: en.registrations.title })).toBeVisible();
  await expect(page.getByText(en.common.readOnly)).toBeVisible();
  expect(await page.locator("tbody tr").count()).toBeGreaterThan(10);
  await expect(page.getByRole("columnheader", { name: en.fields.deadline })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: en.common.actions })).toHaveCount(0);
  await expectNoWriteControls(page);

  // Typing the address of a form: the 403 page.
  const response = await page.goto("/employees/new");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: en.errors.forbiddenTitle })).toBeVisible();
  await expect(page.getByText(en.errors.forbidden)).toBeVisible();
  await expect(page.locator(".error-status")).toHaveText("403");
  await expect(page.locator('input[name="employeeNo"]')).toHaveCount(0);

  // Posting anyway, with the auditor's own session (which reads fine): 403, whatever the form.
  const read = await page.request.get("/registrations", { maxRedirects: 0 });
  expect(read.status()).toBe(200);
  const record = await page.request.post("/registrations", {
    form: { employeeId: "1", intent: "applied", date: "2026-01-05" },
    maxRedirects: 0,
  });
  expect(record.status()).toBe(403);
  const recordData = await page.request.post("/registrations?_data=routes%2Fregistrations", {
    form: { employeeId: "1", intent: "registered", date: "2026-01-06" },
    maxRedirects: 0,
  });
  expect(recordData.status()).toBe(403);
  const create = await page.request.post("/employees/new", {
    form: { employeeNo: `AUD-${Date.now()}`, name: "x", idType: "passport", idNumber: "E12345678", employerId: "1", hireDate: "2026-01-05", monthlyWage: "8000" },
    maxRedirects: 0,
  });
  expect(create.status()).toBe(403);
});

test("a signed-out visitor is sent to sign in from every page", async ({ browser }) => {
  for (const path of PAGES) {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    // Only the answer matters here, not the sign-in page's scripts: go on once it arrives.
    const response = await page.goto(path, { waitUntil: "commit" });
    await expect(page, `${path} goes to the sign-in page`).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("redirectTo") === path);
    // The redirect is the first answer; the sign-in page is what is shown.
    const first = response?.request().redirectedFrom();
    expect(first?.url()).toBe(new URL(path, page.url()).href);
    expect((await first?.response())?.status()).toBe(302);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: en.auth.title })).toBeVisible();
    await expect(page.locator("main")).not.toContainText("SH01");
    await context.close();
  }
});

test("after signing in, the visitor is back on the page they asked for, never on another site", async ({ page, baseURL }) => {
  await page.goto("/registrations?asOf=2026-03-27");
  await expect(page).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("redirectTo") === "/registrations?asOf=2026-03-27");
  await page.getByLabel(en.auth.email).fill(ACCOUNTS.hr.email);
  await page.getByLabel(en.auth.password).fill(ACCOUNTS.hr.password);
  await page.getByRole("button", { name: en.auth.submit }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/registrations" && url.search === "?asOf=2026-03-27");
  await expect(page.getByLabel(en.registrations.asOfHelp)).toHaveValue("2026-03-27");

  await page.context().clearCookies();
  await page.goto(`/login?redirectTo=${encodeURIComponent("//example.org/registrations")}`);
  await page.getByLabel(en.auth.email).fill(ACCOUNTS.hr.email);
  await page.getByLabel(en.auth.password).fill(ACCOUNTS.hr.password);
  await page.getByRole("button", { name: en.auth.submit }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByRole("heading", { level: 1, name: en.dashboard.welcome.replace("{{name}}", "hr") })).toBeVisible();
});

test("a signed-out data request gets Remix's redirect to sign in and no data", async ({ request }) => {
  const dataRequests: [string, string][] = [
    ["/employees?_data=routes%2Femployees._index", "/employees"],
    ["/employees/1?_data=routes%2Femployees.%24id", "/employees/1"],
    ["/registrations?asOf=2026-03-27&_data=routes%2Fregistrations", "/registrations?asOf=2026-03-27"],
    ["/findings?_data=routes%2Ffindings", "/findings"],
    ["/?_data=routes%2F_index", "/"],
  ];
  for (const [url, back] of dataRequests) {
    const response = await request.get(url, { maxRedirects: 0 });
    // Remix answers a fetch of loader data with 204 and the redirect in X-Remix-* headers (its client follows them).
    expect(response.status(), url).toBe(204);
    const headers = response.headers();
    expect(headers["x-remix-redirect"], url).toBe(`/login?${new URLSearchParams({ redirectTo: back })}`);
    expect(headers["x-remix-status"], url).toBe("302");
    expect(headers["location"], url).toBeUndefined();
    expect(await response.text(), url).toBe("");
  }
  // The root's data is public (the sign-in page needs the language) and names no one.
  const root = await request.get("/?_data=root", { maxRedirects: 0, headers: { "Accept-Language": "en-US" } });
  expect(root.status()).toBe(200);
  expect(await root.json()).toEqual({ user: null, locale: "en" });
});

test("an employee is sent to their own page from staff pages", async ({ page }) => {
  await signIn(page, "employee");
  await expect(page.getByRole("heading", { level: 1, name: en.me.title })).toBeVisible();
  const nav = page.getByRole("navigation", { name: en.nav.main });
  await expect(nav.getByRole("link")).toHaveText([en.nav.me]);
  for (const path of ["/", "/employees", "/employees/new", "/employees/1", "/employers", "/employers/1", "/registrations", "/findings", "/reports/overdue.csv"]) {
    await page.goto(path);
    await expect(page, `${path} sends the employee to /me`).toHaveURL((url) => url.pathname === "/me" && url.search === "");
    await expect(page.getByRole("heading", { level: 1, name: en.me.title })).toBeVisible();
  }
  // Data requests too: a redirect to /me, no staff data.
  const data = await page.request.get("/employees?_data=routes%2Femployees._index", { maxRedirects: 0 });
  expect(data.status()).toBe(204);
  expect(data.headers()["x-remix-redirect"]).toBe("/me");
  expect(await data.text()).toBe("");
});
