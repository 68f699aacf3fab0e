import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "~/models/user.server";
import { can, type Action } from "~/shared/permissions";

type WorkflowNavKey = "months" | "collection" | "imports" | "policies" | "audit";
import { LanguageSwitch } from "./language-switch";

const NAV: {
  to: string;
  key: "dashboard" | "employees" | "registrations" | "employers" | "findings" | "statements" | "me" | WorkflowNavKey | "payments" | "users" | "annualBase" | "changeList";
  /** A label outside `nav.*` (areas that bring their own strings). */
  label?: "tables.payments.nav" | "hrMonth.nav.annualBase" | "hrMonth.nav.changeList";
  action: Action;
  end?: boolean;
}[] = [
  { to: "/", key: "dashboard", action: "dashboard:read", end: true },
  { to: "/employees", key: "employees", action: "employee:read" },
  { to: "/registrations", key: "registrations", action: "registration:read" },
  { to: "/employers", key: "employers", action: "employer:read" },
  { to: "/findings", key: "findings", action: "finding:read" },
  { to: "/statements", key: "statements", action: "statement:read" },
  { to: "/months", key: "months", action: "workflow:read" },
  { to: "/payments", key: "payments", label: "tables.payments.nav", action: "workflow:read" },
  { to: "/collection", key: "collection", action: "workflow:read" },
  { to: "/annual-base", key: "annualBase", label: "hrMonth.nav.annualBase", action: "workflow:read" },
  { to: "/change-list", key: "changeList", label: "hrMonth.nav.changeList", action: "workflow:read" },
  { to: "/imports", key: "imports", action: "workflow:write" },
  { to: "/settings/policies", key: "policies", action: "workflow:read" },
  { to: "/audit", key: "audit", action: "audit:read" },
  { to: "/users", key: "users", action: "user:manage" },
  { to: "/me", key: "me", action: "self:read" },
];

/** The signed-in layout: top bar with the product name, navigation by role, language and sign-out. */
export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t } = useTranslation();
  const items = NAV.filter((n) => can(user.role, n.action));
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <Link to={user.role === "employee" ? "/me" : "/"} className="brand">
          {t("app.brand")}
        </Link>
        <nav aria-label={t("nav.main")} className="mainnav">
          {items.map((n) => (
            <NavLink key={n.to} to={n.to} end={n.end} className={({ isActive }) => (isActive ? "active" : undefined)}>
              {n.label ? t(n.label) : t(`nav.${n.key as Exclude<typeof n.key, "payments" | "annualBase" | "changeList">}`)}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-tools">
          <LanguageSwitch />
          <Link to="/account" className="whoami" title={t("nav.signedInAs", { email: user.email, role: t(`roles.${user.role}`) })} aria-label={t("users.accountLink")}>
            {user.name || user.email}
            <span className="role-chip">{t(`roles.${user.role}`)}</span>
          </Link>
          <Form method="post" action="/logout">
            <button type="submit" className="btn btn-ghost">
              {t("nav.signOut")}
            </button>
          </Form>
        </div>
      </header>
      <main id="main" className="content">
        {children}
      </main>
    </>
  );
}
