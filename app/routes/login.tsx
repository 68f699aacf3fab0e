import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { LanguageSwitch } from "~/components/language-switch";
import { signIn } from "~/models/session.server";
import { getOptionalUser, sessionCookieHeader, signOut } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { safeRedirect } from "~/server/http.server";
import { homePath } from "~/shared/permissions";
import { pageTitle } from "~/shared/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.title");

const SignInSchema = z.object({
  email: z.string().max(254).default(""),
  password: z.string().max(200).default(""),
  redirectTo: z.string().max(2000).optional(),
});

/** Public page: a signed-in visitor goes straight home. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homePath(user.role));
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = SignInSchema.safeParse(Object.fromEntries(await request.formData()));
  const values = form.success ? form.data : { email: "", password: "", redirectTo: undefined };
  // A new session on every sign-in: whatever session the browser had ends first.
  await signOut(request);
  const result = await signIn(db, { email: values.email, password: values.password, address: context.clientAddress ?? "" });
  if (!result.ok) {
    return json({ failed: true, email: values.email.slice(0, 254) }, { status: 400 });
  }
  return redirect(safeRedirect(values.redirectTo, homePath(result.user.role)), {
    headers: { "Set-Cookie": await sessionCookieHeader(result.token) },
  });
}

export default function Login() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <div className="card login-card">
      <div className="brand">{t("app.brand")}</div>
      <h1>{t("auth.title")}</h1>
      <p className="muted">{t("auth.intro")}</p>
      {data?.failed ? (
        <p className="notice notice-error" role="alert">
          {t("auth.invalid")}
        </p>
      ) : null}
      <Form method="post" replace>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field label={t("auth.email")} name="email" type="email" autoComplete="username" required defaultValue={data?.email ?? ""} autoFocus />
        <Field label={t("auth.password")} name="password" type="password" autoComplete="current-password" required />
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {t("auth.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("mail.forgot.link")}</Link>
      </p>
      <div className="login-lang">
        <LanguageSwitch />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
