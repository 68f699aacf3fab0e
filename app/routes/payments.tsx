import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { EmployerSelect } from "~/components/employer-filters";
import { ListPage } from "~/components/list-page";
import type { CsvColumn } from "~/shared/table-csv";
import { employerOptions } from "~/models/employer.server";
import { allPayments, listPayments, type PaymentListRow } from "~/models/payment-browse.server";
import { yuanPlain } from "~/rules/money";
import { requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { shanghaiDateTime } from "~/shared/shanghai-time";
import { db } from "~/server/db.server";
import { notFound } from "~/server/http.server";
import { useFormat, type Formatter } from "~/hooks/use-format";
import { pageTitle } from "~/shared/meta";
import { PAYMENTS_COLUMNS, PaymentsQuerySchema } from "~/url-state/payments-query";
import { tableQuery, throwExportIfAsked } from "~/server/table-export.server";
import { monthHref } from "~/url-state/search-params";
import { PageHead } from "~/components/page-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tables.payments.title");

/** The recorded payments, read-only: staff who may read the month view (payments are recorded there). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workflow:read");
  const scope = (await scopeOf(user))?.codes;
  const query = tableQuery(request, PAYMENTS_COLUMNS, PaymentsQuerySchema);
  const employers = await employerOptions(db, scope);
  if (query.employer && !employers.some((e) => e.code === query.employer)) throw notFound();
  await throwExportIfAsked(request, `payments-${today()}`, paymentCsvColumns, query.hide, () => allPayments(db, query, scope));
  return json({ query, employers, ...await listPayments(db, query, scope) });
}

function paymentCsvColumns(t: (key: string) => string): CsvColumn<PaymentListRow>[] {
  return [
    { id: "employer", label: t("tables.payments.employer"), value: (p) => p.employerCode },
    { id: "period", label: t("tables.payments.period"), value: (p) => p.period },
    { id: "paidOn", label: t("tables.payments.paidOn"), value: (p) => p.paidOn },
    { id: "amount", label: t("tables.payments.amount"), value: (p) => yuanPlain(p.amount) },
    { id: "reference", label: t("tables.payments.reference"), value: (p) => p.reference },
    { id: "recordedBy", label: t("tables.payments.recordedBy"), value: (p) => p.recordedBy ?? "" },
    { id: "recordedAt", label: t("tables.payments.recordedAt"), value: (p) => (p.recordedAt ? shanghaiDateTime(p.recordedAt) : "") },
  ];
}

const col = createColumnHelper<PaymentListRow>();

function paymentColumns(t: TFunction, fmt: Formatter) {
  return [
    col.accessor("employerCode", { id: "employer", header: t("tables.payments.employer"), enableSorting: true, meta: { className: "mono" } }),
    col.accessor("period", {
      header: t("tables.payments.period"),
      enableSorting: true,
      meta: { className: "nowrap" },
      cell: (c) => (
        <Link to={monthHref(c.row.original.employerCode, c.getValue())} data-primary>
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor("paidOn", { header: t("tables.payments.paidOn"), enableSorting: true, meta: { className: "nowrap" } }),
    col.accessor("amount", { header: t("tables.payments.amount"), enableSorting: true, cell: (c) => fmt.money(c.getValue()), meta: { className: "num" } }),
    col.accessor("reference", { header: t("tables.payments.reference"), enableSorting: true, meta: { className: "mono" } }),
    col.accessor("recordedBy", { header: t("tables.payments.recordedBy"), cell: (c) => c.getValue() ?? t("common.none") }),
    col.accessor("recordedAt", {
      header: t("tables.payments.recordedAt"),
      enableSorting: true,
      cell: (c) => {
        const v = c.getValue();
        return v ? fmt.dateTime(v) : t("common.none");
      },
      meta: { className: "nowrap" },
    }),
  ];
}

export default function PaymentsPage() {
  const { query, employers, rows, total, amount, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <PageHead title={t("tables.payments.title")} intro={t("tables.payments.intro")} />
      <ListPage
        search
        filters={
          <>
            <EmployerSelect label={t("tables.payments.employer")} any={t("tables.payments.anyEmployer")} value={query.employer} employers={employers} />
            <Field label={t("tables.payments.period")} name="period" type="month" placeholder="YYYY-MM" defaultValue={query.period ?? ""} />
            <Field label={t("tables.payments.paidFrom")} name="from" type="date" defaultValue={query.from ?? ""} />
            <Field label={t("tables.payments.paidTo")} name="to" type="date" defaultValue={query.to ?? ""} />
          </>
        }
        state={query}
        paged={{ rows, total, page, pageCount }}
        table={{
          columns: paymentColumns(t, fmt),
          empty: t("tables.payments.empty"),
          caption: t("tables.payments.title"),
          rowKey: (r) => String(r.id),
          testId: "payments-list",
        }}
        below={total > 0 ? <p className="muted">{t("tables.payments.total", { amount: fmt.money(amount) })}</p> : null}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
