import { Form, useLocation, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SUPPORTED_LANGUAGES } from "~/locales";

/** A plain POST form (works without JavaScript); with JavaScript it submits on change. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const submit = useSubmit();
  return (
    <Form method="post" action="/set-language" className="lang-switch" onChange={(e) => submit(e.currentTarget)}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label>
        <span className="visually-hidden">{t("language.label")}</span>
        <select name="lng" defaultValue={i18n.language} key={i18n.language}>
          {SUPPORTED_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className="btn btn-ghost">
          {t("language.change")}
        </button>
      </noscript>
    </Form>
  );
}
