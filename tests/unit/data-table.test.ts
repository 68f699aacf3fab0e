/** The shared DataTable's options for the month, collection and statements tables: frames, row headers, footers, row attributes. */
import { createColumnHelper } from "@tanstack/react-table";
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import { DataTable, type DataTableProps } from "~/components/data-table";
import { i18nConfig } from "~/locales";

interface Line {
  insurance: string;
  amount: number;
}
const col = createColumnHelper<Line>();
const columns = [col.accessor("insurance", { header: "Insurance", meta: { rowHeader: true } }), col.accessor("amount", { header: "Amount", meta: { className: "num" } })];
const data: Line[] = [
  { insurance: "pension", amount: 800 },
  { insurance: "medical", amount: 200 },
];

async function render(props: Partial<DataTableProps<Line>>) {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: "en" });
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(DataTable<Line>, { data, columns, empty: "Nothing", rowKey: (l) => l.insurance, ...props })));
}

describe("DataTable", () => {
  it("is framed in a scroll box by default, in a plain box for a document, and not at all when compact", async () => {
    expect(await render({})).toMatch(/^<div class="table-wrap table-scroll"><table class="data-table">/);
    expect(await render({ frame: "plain" })).toMatch(/^<div class="table-wrap"><table class="data-table">/);
    expect(await render({ compact: true })).toMatch(/^<table class="data-table compact">/);
  });

  it("names a row by its row-header cell and keeps the other cells' classes", async () => {
    const html = await render({});
    expect(html).toContain('<th scope="row">pension</th><td class="num">800</td>');
    expect(html).toContain('<th scope="col" data-column="insurance">Insurance</th>');
  });

  it("puts the row attributes on each body row and the footer in a tfoot", async () => {
    const html = await render({
      rowAttributes: (l) => ({ "data-insurance": l.insurance }),
      footer: createElement("tr", null, createElement("th", { scope: "row" }, "Total"), createElement("td", null, "1000")),
    });
    expect(html).toMatch(/<tr data-insurance="pension" data-row="0" tabindex="0">/);
    expect(html).toMatch(/<tr data-insurance="medical" data-row="1" tabindex="-1">/);
    expect(html).toContain('<tfoot><tr><th scope="row">Total</th><td>1000</td></tr></tfoot>');
  });

  it("shows a visible caption when asked, a hidden one otherwise", async () => {
    expect(await render({ caption: "Tranches", captionVisible: true })).toContain("<caption>Tranches</caption>");
    expect(await render({ caption: "Tranches" })).toContain('<caption class="visually-hidden">Tranches</caption>');
  });

  it("says so when there are no rows, and then has no footer", async () => {
    const html = await render({ data: [] });
    expect(html).toContain('<td colSpan="2" class="empty">Nothing</td>');
    expect(html).not.toContain("<tfoot>");
  });
});
