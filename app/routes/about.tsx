import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/server/auth.server";
import { pageTitle } from "~/shared/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "about.title");

/** Any signed-in user. No data of its own: also the benchmark's baseline of an empty route. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({});
}

export default function About() {
  const { t } = useTranslation();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("about.title")}</h1>
          <p>{t("about.intro")}</p>
        </div>
      </div>
      <section className="card">
        <h2>{t("about.lawHeading")}</h2>
        <ul>
          <li>{t("about.art58")}</li>
          <li>{t("about.art60")}</li>
          <li>{t("about.art63")}</li>
          <li>{t("about.art4")}</li>
          <li>{t("about.art8486")}</li>
        </ul>
        <p className="muted">{t("about.source")}</p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
