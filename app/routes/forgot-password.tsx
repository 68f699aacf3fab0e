import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { requestPasswordReset } from "~/models/invite.server";
import { getOptionalUser } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { kickMailWorker } from "~/server/mail-worker.server";
import { pageTitle } from "~/shared/meta";
import { homePath } from "~/shared/permissions";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mail.forgot.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homePath(user.role));
  return json({});
}

/** The same answer whatever the address: no account enumeration. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = z.object({ email: z.string().max(254).default("") }).safeParse(Object.fromEntries(await request.formData()));
  await requestPasswordReset(db, form.success ? form.data.email : "", String(context.clientAddress ?? ""));
  kickMailWorker();
  return json({ sent: true });
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <div className="card login-card">
      <div className="brand">{t("app.brand")}</div>
      <h1>{t("mail.forgot.title")}</h1>
      {data?.sent ? (
        <p className="notice notice-ok" role="status">
          {t("mail.forgot.sent")}
        </p>
      ) : (
        <>
          <p className="muted">{t("mail.forgot.intro")}</p>
          <Form method="post">
            <Field label={t("auth.email")} name="email" type="email" autoComplete="username" required autoFocus />
            <button type="submit" className="btn">
              {t("mail.forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("auth.title")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
