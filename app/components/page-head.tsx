import type { ReactNode } from "react";

/** A page's head: its title, what the page is for, and the page's actions (links, buttons) on the right. */
export function PageHead({ title, intro, children }: { title: ReactNode; intro?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {intro !== undefined ? <p>{intro}</p> : null}
      </div>
      {children}
    </div>
  );
}
