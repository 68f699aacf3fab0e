import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PasswordForm } from "~/components/password-form";
import { changePassword } from "~/models/account.server";
import { requireUser, sessionCookieHeader } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { pageTitle } from "~/shared/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.accountTitle");

/** Any signed-in person: who they are signed in as, and changing their own password. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ email: user.email, name: user.name, role: user.role });
}

/** Every session of the user ends; this browser gets a fresh one. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const values = await formValues(request);
  const result = await changePassword(db, user, values);
  if (!result.ok) return json({ errors: result.errors }, { status: 400 });
  return redirect("/account?password=changed", { headers: { "Set-Cookie": await sessionCookieHeader(result.token) } });
}

export default function Account() {
  const { email, name, role } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("users.accountTitle")}</h1>
          <p>{t("nav.signedInAs", { email, role: t(`roles.${role}`) })}</p>
          {name ? <p className="muted">{name}</p> : null}
        </div>
      </div>
      <PasswordForm errors={data?.errors ?? null} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
