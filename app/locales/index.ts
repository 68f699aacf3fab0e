/**
 * The i18n configuration shared by server and browser. Both catalogs are
 * bundled (no HTTP backend); the language comes from the `lng` cookie, else
 * Accept-Language, else the fallback.
 */
import { en, type Catalog } from "./en";
import { zhCN } from "./zh-CN";

export const SUPPORTED_LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = "zh-CN";
export const DEFAULT_NS = "common";

export const catalogs: Record<Language, Catalog> = { en, "zh-CN": zhCN };

export const resources = {
  en: { [DEFAULT_NS]: en },
  "zh-CN": { [DEFAULT_NS]: zhCN },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: DEFAULT_NS,
  ns: [DEFAULT_NS],
  resources,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};

/** Every key of a catalog, dotted (`nav.dashboard`), sorted. */
export function catalogKeys(catalog: object, prefix = ""): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(catalog)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object") keys.push(...catalogKeys(v, key));
    else keys.push(key);
  }
  return keys.sort();
}

/** Look a key up outside React (route `meta`), falling back to the key itself. */
export function translate(language: string, key: string, params?: Record<string, string | number>): string {
  const catalog: unknown = catalogs[isLanguage(language) ? language : FALLBACK_LANGUAGE];
  const value = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), catalog);
  if (typeof value !== "string") return key;
  return params ? value.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : value;
}
