import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withParams } from "~/url-state/search-params";

export function Pagination({ page, pageCount, total }: { page: number; pageCount: number; total: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <nav className="pagination" aria-label={t("common.pageOf", { page, pages: pageCount })}>
      <span className="muted">{t("common.resultCount", { count: total })}</span>
      {page > 1 ? (
        <Link className="btn btn-ghost" to={withParams(params, { page: String(page - 1) })} rel="prev">
          {t("common.previous")}
        </Link>
      ) : null}
      <span>{t("common.pageOf", { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link className="btn btn-ghost" to={withParams(params, { page: String(page + 1) })} rel="next">
          {t("common.next")}
        </Link>
      ) : null}
    </nav>
  );
}
