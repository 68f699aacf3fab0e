import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The one error boundary every route uses: 403 and 404 pages, a generic page for the rest. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t("errors.title");
  let message = t("errors.unexpected");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (error.status === 403) {
      title = t("errors.forbiddenTitle");
      message = t("errors.forbidden");
    } else if (error.status === 404) {
      title = t("errors.notFoundTitle");
      message = t("errors.notFound");
    } else if (error.status === 400) {
      message = t("errors.badRequest");
    }
  }
  return (
    <section className="error-page" role="alert">
      <p className="error-status">{status}</p>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/" className="btn">
          {t("errors.home")}
        </Link>
      </p>
    </section>
  );
}
