import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FALLBACK_LANGUAGE, translate } from "~/locales";
import styles from "~/styles/app.css";
import { getOptionalUser } from "~/server/auth.server";
import { i18nServer } from "~/server/i18n.server";
import { useNonce } from "~/hooks/use-nonce";

export const handle = { i18n: "common" };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The root only reads who is signed in (if anyone): each route requires its own access. */
export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([await getOptionalUser(request), i18nServer.getLocale(request)]);
  return json({ user, locale });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: translate(data?.locale ?? FALLBACK_LANGUAGE, "app.title") },
];

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  const locale = data?.locale ?? i18n.language ?? FALLBACK_LANGUAGE;
  useChangeLanguage(locale);
  const nonce = useNonce();
  return (
    <html lang={locale} dir={i18n.dir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  if (!user) {
    return (
      <main id="main" className="auth-main">
        <Outlet />
      </main>
    );
  }
  return (
    <AppShell user={user}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return (
    <main id="main" className="auth-main">
      <GeneralErrorBoundary />
    </main>
  );
}
