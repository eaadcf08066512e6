// The theme heat map: saved and suggested themes × documents, each cell the
// number of the document's paragraphs the theme matches (the engine counts
// them in the index). Clicking a cell lists those paragraphs in the side
// panel, each a link to the reader at it. The themes page draws the same
// figure over the whole library.

import { themeCell, themeMatrix, type ChartRequest, type SearchHit, type ThemeMatrix } from "../../api";
import { axis, base, chartFigure, emptyChart, tip, type Figure } from "../../charts";
import { h, replace } from "../../dom";
import { errorText } from "../../errors";
import { plural } from "../../format";
import { hitHref, renderSnippet } from "../search";
import type { Tab, TabContext } from "./index";

export async function themesTab({ collection, box, side }: TabContext): Promise<Tab> {
  const matrix = await themeMatrix(collection);
  const figure = themeMapFigure(matrix, { chart: "themes", document: null, collection, list: null, filter: null }, (theme, doc) =>
    void showCell(side, matrix, theme, doc),
  );
  replace(box, figure instanceof HTMLElement ? figure : figure.element);
  return { figures: () => (figure instanceof HTMLElement ? [] : [figure]) };
}

/** The heat map of `matrix`, or a note when there is nothing to map. */
export function themeMapFigure(matrix: ThemeMatrix, csv: ChartRequest, open: (theme: number, doc: number) => void): Figure | HTMLElement {
  const { themes, documents, counts } = matrix;
  if (themes.length === 0 || documents.length === 0) {
    return emptyChart("themes", themes.length === 0 ? "No theme to map: save a theme first." : "No document to map.");
  }
  const max = Math.max(1, ...counts.flat());
  const wide = documents.length > 24;
  const rowName = (i: number) => (themes[i].suggested ? `“${themes[i].name}”` : themes[i].name);
  return chartFigure({
    id: "themes",
    height: 150 + 30 * themes.length + (wide ? 40 : 0),
    items: themes.length * documents.length,
    summary: `Theme heat map: ${plural(themes.length, "theme")} across ${plural(documents.length, "document")}; the darker a cell, the more paragraphs match.`,
    csv,
    onClick: (item) => {
      const [doc, theme] = item.value as [number, number, number];
      open(theme, doc);
    },
    option: (p) => ({
      ...base(p, "Where each theme lives", "matching paragraphs per document · quoted: suggested themes · click a cell for them", (item: { value: [number, number, number] }) => {
        const [doc, theme, n] = item.value;
        const d = documents[doc];
        return tip(`${themes[theme].name}${themes[theme].suggested ? " (suggested)" : ""}`, `#${d.id} ${d.label}`, d.title, `${plural(n, "paragraph")} match`);
      }),
      grid: { left: 8, right: 16, top: 66, bottom: wide ? 110 : documents.length > 6 ? 90 : 56, containLabel: true },
      xAxis: axis(p, "Documents", {
        type: "category",
        data: documents.map((d) => `#${d.id} ${d.label}`),
        nameLocation: "middle",
        nameGap: documents.length > 6 ? 78 : 40,
        axisLabel: { color: p.ink2, rotate: documents.length > 6 ? 30 : 0, width: 140, overflow: "truncate", hideOverlap: true },
        splitArea: { show: false },
        splitLine: { show: false },
      }),
      yAxis: axis(p, "", {
        type: "category",
        inverse: true,
        data: themes.map((_, i) => rowName(i)),
        axisLabel: { color: p.ink, width: 190, overflow: "truncate" },
        splitLine: { show: false },
      }),
      visualMap: {
        show: false,
        min: 0,
        max,
        dimension: 2,
        inRange: { color: p.heat },
      },
      ...(wide ? { dataZoom: [{ type: "slider", xAxisIndex: 0, bottom: 8, height: 16, endValue: 23 }, { type: "inside", xAxisIndex: 0 }] } : {}),
      series: [
        {
          type: "heatmap",
          name: "Matching paragraphs",
          cursor: "pointer",
          label: { show: !wide, color: p.ink, fontSize: 11, formatter: (item: { value: number[] }) => (item.value[2] ? String(item.value[2]) : "") },
          itemStyle: { borderColor: p.surface, borderWidth: 2, borderRadius: 3 },
          emphasis: { itemStyle: { borderColor: p.ink, borderWidth: 1 } },
          data: counts.flatMap((row, theme) => row.map((n, doc) => [doc, theme, n])),
        },
      ],
    }),
  });
}

/** The paragraphs behind one cell, each a link to the reader. */
export async function showCell(side: HTMLElement, matrix: ThemeMatrix, theme: number, doc: number): Promise<void> {
  const t = matrix.themes[theme];
  const d = matrix.documents[doc];
  replace(side, h("p", { class: "muted" }, "Loading…"));
  let hits: SearchHit[];
  try {
    hits = await themeCell(t.query, d.id);
  } catch (err) {
    replace(side, h("p", { class: "form-error", role: "alert" }, errorText(err)));
    return;
  }
  replace(
    side,
    h("h2", { testid: "cell-title" }, `${t.name} in ${d.label}`),
    h("p", { class: "muted" }, `${plural(hits.length, "paragraph")} of “${d.title}”`),
    hits.length === 0 && h("p", { class: "muted" }, "No paragraph matches."),
    ...hits.map((hit) =>
      h(
        "div",
        { class: "passage", testid: "cell-paragraph" },
        h("a", { href: hitHref(hit) }, `Paragraph ${(hit.paragraph ?? 0) + 1}`),
        h("p", {}, renderSnippet(hit)),
      ),
    ),
  );
}
