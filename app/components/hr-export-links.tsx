/**
 * The downloads of an HR-month list (the annual base declaration, the change
 * list): CSV and Excel, masked; for HR and admin also with full identity
 * numbers, an explicit choice that the server records in the audit log.
 */
import { useTranslation } from "react-i18next";

export function HrExportLinks({ path, params, canWrite }: { path: string; params: Record<string, string>; canWrite: boolean }) {
  const { t } = useTranslation();
  const href = (format: "csv" | "xlsx", full: boolean) => `${path}?${new URLSearchParams({ ...params, format, ...(full ? { ids: "full" } : {}) })}`;
  return (
    <p className="export-links">
      <a className="btn btn-ghost" href={href("csv", false)} download>
        {t("hrMonth.exportCsv")}
      </a>{" "}
      <a className="btn btn-ghost" href={href("xlsx", false)} download>
        {t("hrMonth.exportXlsx")}
      </a>
      {canWrite ? (
        <>
          {" "}
          <a className="btn btn-ghost" href={href("csv", true)} download>
            {t("hrMonth.exportCsvFullIds")}
          </a>{" "}
          <a className="btn btn-ghost" href={href("xlsx", true)} download>
            {t("hrMonth.exportXlsxFullIds")}
          </a>
        </>
      ) : null}
    </p>
  );
}
