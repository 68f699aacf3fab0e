import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/server/auth.server";
import { notFound } from "~/server/http.server";

/** Any unknown address: sign in first (no probing), then 404. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  throw notFound();
}

export async function action({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  throw notFound();
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
