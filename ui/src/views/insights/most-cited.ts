// The most-cited works of a scope: one bar per work, its length the essays
// citing it (shared works in the shared colour). Clicking a bar opens
// "where is this cited", paragraph by paragraph, in the side panel.

import { mostCited, workPassages, type CitedPassage, type MostCited } from "../../api";
import { axis, base, chartFigure, emptyChart, tip } from "../../charts";
import { h, replace } from "../../dom";
import { errorText } from "../../errors";
import { plural } from "../../format";
import type { Tab, TabContext } from "./index";

const TOP = 25;

export async function mostCitedTab({ collection, box, side }: TabContext): Promise<Tab> {
  const works = await mostCited(collection, TOP);
  if (works.length === 0) {
    replace(box, emptyChart("most-cited", "No essay here cites a work yet: import essays with reference lists."));
    return { figures: () => [] };
  }
  const open = (w: MostCited) => void showPassages(side, w, collection);
  const figure = chartFigure({
    id: "most-cited",
    height: 90 + 26 * works.length,
    items: works.length,
    summary: `The ${works.length} most-cited works: ${works
      .slice(0, 5)
      .map((w) => `${w.label}, cited by ${plural(w.count, "essay")}`)
      .join("; ")}.`,
    csv: { chart: "most_cited", document: null, collection, list: null, filter: null },
    onClick: (item) => open(works[item.dataIndex]),
    option: (p) => ({
      ...base(p, "Most-cited works", "essays citing each work · click a bar for the passages", (item: { dataIndex: number }) => {
        const w = works[item.dataIndex];
        return tip(w.label, w.title ?? "", `Cited by ${plural(w.count, "essay")}`, plural(w.citations, "in-text citation"));
      }),
      grid: { left: 8, right: 40, top: 64, bottom: 40, containLabel: true },
      xAxis: axis(p, "Essays citing it", { type: "value", minInterval: 1, nameLocation: "middle", nameGap: 26 }),
      yAxis: axis(p, "", {
        type: "category",
        inverse: true,
        data: works.map((w) => w.label),
        axisLabel: { color: p.ink2, width: 220, overflow: "truncate" },
        splitLine: { show: false },
      }),
      series: [
        {
          type: "bar",
          name: "Essays citing it",
          barMaxWidth: 18,
          cursor: "pointer",
          label: { show: true, position: "right", color: p.ink2 },
          data: works.map((w) => ({ value: w.count, itemStyle: { color: w.count >= 2 ? p.shared : p.work, borderRadius: [0, 3, 3, 0] } })),
        },
      ],
    }),
  });
  const shared = works.filter((w) => w.count >= 2).length;
  replace(
    box,
    h(
      "p",
      { class: "insights-figures", testid: "most-cited-figures" },
      h("span", {}, h("strong", {}, String(shared)), `of the top ${works.length} cited by two or more essays`),
    ),
    figure.element,
  );
  return { figures: () => [figure] };
}

/** "Where is this cited": each paragraph citing `work`, linked to the reader at it. */
export async function showPassages(side: HTMLElement, work: Pick<MostCited, "work" | "label" | "title">, collection: string | null): Promise<void> {
  replace(side, h("p", { class: "muted" }, "Loading…"));
  let passages: CitedPassage[];
  try {
    passages = await workPassages(work.work, collection);
  } catch (err) {
    replace(side, h("p", { class: "form-error", role: "alert" }, errorText(err)));
    return;
  }
  replace(
    side,
    h("h2", { testid: "passages-title" }, `Where ${work.label} is cited`),
    work.title && h("p", { class: "muted" }, work.title),
    h("p", {}, h("a", { href: `#/works/${work.work}` }, "Open the work")),
    passages.length === 0 && h("p", { class: "muted" }, "Listed in reference lists, but no paragraph cites it."),
    ...passages.map((p) =>
      h(
        "div",
        { class: "passage", testid: "passage" },
        h("a", { href: `#/doc/${p.document}/p/${p.paragraph}` }, `${p.label}, paragraph ${p.paragraph + 1}`),
        h("span", { class: "muted" }, ` · ${p.citations.join("; ")}`),
        h("p", {}, p.text.length > 420 ? `${p.text.slice(0, 419)}…` : p.text),
      ),
    ),
  );
}
