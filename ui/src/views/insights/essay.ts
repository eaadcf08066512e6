// One essay's insights, in the reader's side panel and the marking screen:
// the figures (median reference age, citations per 100 words, paragraphs
// citing nothing), the strip of citations along the text (a click scrolls
// the text to the paragraph), references by year of publication, and the
// mix of reference kinds. Every number is the engine's (EssayInsights).

import type { EssayInsights } from "../../api";
import { axis, base, chartFigure, REFERENCE_TYPES, tip, TYPE_LABELS, type Figure } from "../../charts";
import { h } from "../../dom";
import { plural } from "../../format";

export interface EssayPanel {
  element: HTMLElement;
  dispose(): void;
}

/** The panel for `e`; `onParagraph` scrolls the text to a paragraph (the engine's numbering). */
export function essayInsightsPanel(e: EssayInsights, onParagraph: (index: number) => void): EssayPanel {
  const prose = e.paragraphs.filter((p) => p.prose).length;
  const figures: Figure[] = [strip(e, onParagraph), years(e), types(e)];
  const element = h(
    "section",
    { class: "essay-insights", testid: "essay-insights", "aria-label": "Insights" },
    h(
      "div",
      { class: "figures" },
      figure(e.median_age === null ? "–" : `${e.median_age} y`, "median reference age", "insight-median-age"),
      figure(String(e.citations_per_100_words), "citations per 100 words", "insight-density"),
      figure(`${e.uncited_paragraphs.length} of ${prose}`, "paragraphs cite nothing", "insight-uncited"),
      figure(String(e.references), e.undated > 0 ? `references (${e.undated} undated)` : "references", "insight-references"),
    ),
    ...figures.map((f) => f.element),
  );
  return {
    element,
    dispose() {
      for (const f of figures) f.dispose();
    },
  };
}

function figure(value: string, label: string, testid: string): HTMLElement {
  return h("div", { class: "figure", testid }, h("strong", {}, value), h("span", {}, label));
}

/** One cell per paragraph: its citations; red for prose citing nothing, grey for headings. */
function strip(e: EssayInsights, onParagraph: (index: number) => void): Figure {
  const max = Math.max(1, ...e.paragraphs.map((p) => p.citations));
  return chartFigure({
    id: "essay-strip",
    height: 120,
    items: e.paragraphs.length,
    summary: `Citations along the text: ${e.paragraphs.length} paragraphs, ${e.uncited_paragraphs.length} of them prose citing nothing.`,
    csv: { chart: "paragraphs", document: e.document, collection: null, list: null, filter: null },
    onClick: (item) => onParagraph(item.dataIndex),
    option: (p) => ({
      ...base(p, "Citations along the text", "one cell per paragraph · red: cites nothing", (item: { dataIndex: number }) => {
        const para = e.paragraphs[item.dataIndex];
        const what = !para.prose ? "heading or short line" : para.citations === 0 ? "cites nothing" : plural(para.citations, "citation");
        return tip(`Paragraph ${item.dataIndex + 1}`, what, "Click to show it in the text");
      }),
      grid: { left: 8, right: 8, top: 58, bottom: 22 },
      xAxis: axis(p, "", {
        type: "category",
        data: e.paragraphs.map((_, i) => String(i + 1)),
        axisLabel: { color: p.ink3, fontSize: 10, interval: "auto", hideOverlap: true },
        axisTick: { show: false },
        splitLine: { show: false },
      }),
      yAxis: { type: "category", data: [""], show: false },
      series: [
        {
          type: "heatmap",
          name: "Citations",
          data: e.paragraphs.map((para, i) => ({
            value: [i, 0, para.citations],
            itemStyle: {
              color: !para.prose && para.citations === 0 ? p.neutral : para.citations === 0 ? p.missing : p.essay,
              opacity: para.citations === 0 ? 1 : 0.35 + (0.65 * para.citations) / max,
              borderColor: p.surface,
              borderWidth: 1,
            },
          })),
          emphasis: { itemStyle: { borderColor: p.ink, borderWidth: 1 } },
        },
      ],
    }),
  });
}

/** References per year of publication, on a year axis with the gaps shown. */
function years(e: EssayInsights): Figure {
  const ys = e.years.map((y) => y.year);
  const median = e.median_age === null || e.year === null ? null : e.year - e.median_age;
  return chartFigure({
    id: "essay-years",
    height: 220,
    items: e.years.length,
    summary: `References by year of publication: ${e.years.map((y) => `${y.count} from ${y.year}`).join(", ")}.`,
    csv: { chart: "years", document: e.document, collection: null, list: null, filter: null },
    option: (p) => ({
      ...base(
        p,
        "References by year",
        median === null ? "year of publication" : `median age ${e.median_age} years (essay ${e.year})`,
        (item: { value: [number, number] }) =>
          tip(String(item.value[0]), plural(item.value[1], "reference"), e.year === null ? "" : `${e.year - item.value[0]} years before the essay`),
      ),
      grid: { left: 40, right: 14, top: 76, bottom: 40 },
      xAxis: axis(p, "Year of publication", {
        type: "value",
        min: ys.length ? Math.min(...ys) - 1 : undefined,
        max: ys.length ? Math.max(...ys) + 1 : undefined,
        minInterval: 1,
        nameLocation: "middle",
        nameGap: 26,
        axisLabel: { color: p.ink2, formatter: (v: number) => String(v), hideOverlap: true },
        splitLine: { show: false },
      }),
      yAxis: axis(p, "References", { type: "value", minInterval: 1 }),
      series: [
        {
          type: "bar",
          name: "References",
          barMaxWidth: 14,
          barMinWidth: 3,
          itemStyle: { color: p.essay, borderRadius: [2, 2, 0, 0] },
          data: e.years.map((y) => [y.year, y.count]),
        },
      ],
    }),
  });
}

/** References per kind, one colour per kind. */
function types(e: EssayInsights): Figure {
  const kinds = REFERENCE_TYPES.filter((t) => (e.types[t] ?? 0) > 0);
  return chartFigure({
    id: "essay-types",
    height: 60 + 24 * Math.max(kinds.length, 1) + 36,
    items: kinds.length,
    summary: `Kinds of reference: ${kinds.map((k) => `${e.types[k]} ${TYPE_LABELS[k].toLowerCase()}`).join(", ")}.`,
    csv: { chart: "types", document: e.document, collection: null, list: null, filter: null },
    option: (p) => ({
      ...base(p, "Kinds of reference", undefined, (item: { name: string; value: number }) => tip(item.name, plural(item.value, "reference"))),
      grid: { left: 100, right: 24, top: 44, bottom: 34 },
      xAxis: axis(p, "References", { type: "value", minInterval: 1, nameLocation: "middle", nameGap: 22 }),
      yAxis: axis(p, "", { type: "category", inverse: true, data: kinds.map((k) => TYPE_LABELS[k]), splitLine: { show: false } }),
      series: [
        {
          type: "bar",
          name: "References",
          barMaxWidth: 16,
          label: { show: true, position: "right", color: p.ink2 },
          data: kinds.map((k) => ({ value: e.types[k], itemStyle: { color: p.types[k], borderRadius: [0, 2, 2, 0] } })),
        },
      ],
    }),
  });
}
