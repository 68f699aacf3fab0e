/**
 * Chinese throughout: with the `lng=zh-CN` cookie (in an English browser, so the
 * cookie is what decides), every page of every role is `<html lang="zh-CN">` and
 * shows no catalog key (`nav.dashboard`, `findings.rule`, … an untranslated `t()`)
 * and no English text of the catalog (a string left in English on a Chinese page).
 */
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { catalogKeys, translate } from "../../app/locales";
import { en } from "../../app/locales/en";
import { signIn, type Role } from "./fixtures";

test.use({ locale: "en-US" });

const KEYS = catalogKeys(en);

/** The English pieces of the catalog that differ from the Chinese (long enough not to be a code or a name). */
const ENGLISH_PIECES: { key: string; piece: string }[] = [];
for (const key of KEYS) {
  const a = translate("en", key);
  if (a === translate("zh-CN", key)) continue;
  for (const piece of a.split(/\{\{\w+\}\}/)) {
    const p = piece.trim();
    if (p.length >= 14 && /[a-z] [a-z]/i.test(p)) ENGLISH_PIECES.push({ key, piece: p });
  }
}

/** Three or more English words in a row: prose someone forgot to put in the catalog. */
const ENGLISH_RUN = /\b[A-Za-z][a-z]{2,}(?:[ ,'’-]+[A-Za-z][a-z]+){2,}\b/g;
/** English that is right on a Chinese page: the brand, and formats or column names shown as they are typed. */
const ALLOWED_RUNS = [/^Shebao$/, /^(Noto|Source Han)/];

/** The `lng` cookie as the server writes it (remix `createCookie`, unsigned: base64 of the JSON value). */
async function chineseCookie(context: BrowserContext, baseURL: string) {
  await context.addCookies([{ name: "lng", value: Buffer.from(JSON.stringify("zh-CN")).toString("base64"), url: baseURL }]);
}

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs: string[] = [];
    for (const el of Array.from(document.querySelectorAll("[aria-label],[title],[placeholder],[alt]"))) {
      for (const a of ["aria-label", "title", "placeholder", "alt"]) {
        const v = el.getAttribute(a);
        if (v) attrs.push(v);
      }
    }
    return `${document.title}\n${document.body.innerText}\n${attrs.join("\n")}`;
  });
}

/** Problems of one page: catalog keys, English catalog text, English prose. */
async function problemsOf(page: Page, path: string): Promise<string[]> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.locator("html"), path).toHaveAttribute("lang", "zh-CN");
  const text = await visibleText(page);
  const problems: string[] = [];
  for (const key of KEYS) {
    let at = text.indexOf(key);
    while (at !== -1) {
      const before = text[at - 1] ?? " ";
      const after = text[at + key.length] ?? " ";
      if (!/[\w.]/.test(before) && !/[\w.]/.test(after)) {
        problems.push(`${path}: catalog key "${key}" shown as text`);
        break;
      }
      at = text.indexOf(key, at + 1);
    }
  }
  for (const { key, piece } of ENGLISH_PIECES) if (text.includes(piece)) problems.push(`${path}: English "${piece}" (${key})`);
  for (const run of text.match(ENGLISH_RUN) ?? []) {
    if (!ALLOWED_RUNS.some((re) => re.test(run))) problems.push(`${path}: English text "${run}"`);
  }
  return problems;
}

/** The first link on `from` whose path matches `re` (an employee, a statement…). */
async function firstLink(page: Page, from: string, re: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => re.test(h.split("?")[0]!));
  expect(href, `a link like ${re} on ${from}`).toBeTruthy();
  return href!;
}

async function chinesePage(browser: import("@playwright/test").Browser, baseURL: string, role?: Role): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US" });
  await chineseCookie(context, baseURL);
  const page = await context.newPage();
  if (role) await signIn(page, role);
  return page;
}

test("signed out: the sign-in page is in Chinese", async ({ browser, baseURL }) => {
  const page = await chinesePage(browser, baseURL!);
  expect(await problemsOf(page, "/login")).toEqual([]);
  await page.context().close();
});

test("HR: every page in Chinese, no key and no English left", async ({ browser, baseURL }) => {
  test.slow(); // some twenty pages on a shared machine
  const page = await chinesePage(browser, baseURL!, "hr");
  const paths = [
    "/",
    "/employees",
    await firstLink(page, "/employees", /^\/employees\/\d+$/),
    "/employers",
    await firstLink(page, "/employers", /^\/employers\/\d+$/),
    "/employers/new",
    "/employees/new",
    "/registrations",
    "/findings",
    "/months",
    "/payments",
    "/collection",
    "/annual-base",
    "/change-list",
    "/imports",
    "/settings/policies",
    "/statements",
    await firstLink(page, "/statements", /^\/statements\/\d+$/),
    await firstLink(page, "/statements", /^\/statements\/print$/),
    "/about",
    "/account",
  ];
  const problems: string[] = [];
  for (const path of paths) problems.push(...(await problemsOf(page, path)));
  expect(problems).toEqual([]);
  await page.context().close();
});

test("auditor and admin: the audit log and the users page in Chinese", async ({ browser, baseURL }) => {
  const auditor = await chinesePage(browser, baseURL!, "auditor");
  expect(await problemsOf(auditor, "/audit")).toEqual([]);
  await auditor.context().close();
  const admin = await chinesePage(browser, baseURL!, "admin");
  expect(await problemsOf(admin, "/users")).toEqual([]);
  expect(await problemsOf(admin, "/account")).toEqual([]);
  await admin.context().close();
});

test("employee: the portal and a statement in Chinese", async ({ browser, baseURL }) => {
  const page = await chinesePage(browser, baseURL!, "employee");
  const statement = await firstLink(page, "/me", /^\/me\/statements\/\d+$/);
  const problems = [...(await problemsOf(page, "/me")), ...(await problemsOf(page, statement))];
  expect(problems).toEqual([]);
  await page.context().close();
});
