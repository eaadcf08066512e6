// The one door to the charting library, Apache ECharts (see ARCHITECTURE.md
// for why): only the chart types and components Quire uses are registered,
// so the bundle carries no more. Every chart is a figure made here, with its
// title and axis names drawn in the chart (so an exported image keeps them),
// a text summary for screen readers, and SVG, PNG and CSV exports. Colours
// come from CSS custom properties (--chart-*), so each keeps one meaning in
// every chart and both themes; a theme change redraws every chart.
//
// ECharts sets sizes through the CSSOM (`element.style`), which the app's
// style-src CSP allows, and its tooltips get DOM nodes built with `h`, never
// HTML strings.

import { BarChart, BoxplotChart, GraphChart, HeatmapChart } from "echarts/charts";
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";
import { chartCsv, pickSavePath, saveChart, type ChartRequest } from "./api";
import { h, replace } from "./dom";
import { errorText } from "./errors";

echarts.use([
  BarChart,
  BoxplotChart,
  GraphChart,
  HeatmapChart,
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type Option = echarts.EChartsCoreOption;
export type Chart = echarts.ECharts;
/** What a click on a chart item reports (series data index, name, value, data). */
export interface ItemClick {
  dataIndex: number;
  seriesIndex?: number;
  name: string;
  value: unknown;
  data: unknown;
  dataType?: string;
}

/** The reference kinds in drawing order, as the engine names them. */
export const REFERENCE_TYPES = ["journal_article", "book", "chapter", "report", "web_page", "legislation", "other"] as const;

export const TYPE_LABELS: Record<string, string> = {
  journal_article: "Journal article",
  book: "Book",
  chapter: "Chapter",
  report: "Report",
  web_page: "Web page",
  legislation: "Legislation",
  other: "Other",
};

/** The colours of the current theme, each with one meaning in every chart. */
export interface Palette {
  ink: string;
  ink2: string;
  ink3: string;
  line: string;
  surface: string;
  /** An essay: network nodes, age boxes, the strip's cited paragraphs. */
  essay: string;
  /** A work cited once. */
  work: string;
  /** A work cited by two or more essays, or a bar counting essays. */
  shared: string;
  /** Something missing: a paragraph citing nothing, an essential item nobody cites. */
  missing: string;
  /** Neither: a heading on the strip. */
  neutral: string;
  /** The heat map's low and high ends. */
  heat: [string, string];
  types: Record<string, string>;
  font: string;
}

function cssVar(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(name).trim();
}

export function palette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => cssVar(style, name);
  return {
    ink: v("--ink"),
    ink2: v("--ink-2"),
    ink3: v("--ink-3"),
    line: v("--line"),
    surface: v("--surface"),
    essay: v("--chart-essay"),
    work: v("--chart-work"),
    shared: v("--chart-shared"),
    missing: v("--chart-missing"),
    neutral: v("--chart-neutral"),
    heat: [v("--chart-heat-low"), v("--chart-heat-high")],
    types: Object.fromEntries(REFERENCE_TYPES.map((t) => [t, v(`--chart-type-${t.replace("_", "-")}`)])),
    font: v("--font-ui"),
  };
}

/**
 * The parts every chart shares: text colours, the title, and the tooltip,
 * whose body `formatter` builds from the hovered item (with `tip`).
 */
export function base<T>(p: Palette, title: string, subtitle?: string, formatter?: (item: T) => HTMLElement | string): Option {
  return {
    backgroundColor: "transparent",
    textStyle: { fontFamily: p.font, color: p.ink2 },
    title: {
      text: title,
      subtext: subtitle,
      left: 8,
      top: 4,
      textStyle: { color: p.ink, fontSize: 15, fontWeight: 600, fontFamily: p.font },
      subtextStyle: { color: p.ink3, fontSize: 12, fontFamily: p.font },
    },
    aria: { enabled: true },
    tooltip: {
      confine: true,
      backgroundColor: p.surface,
      borderColor: p.line,
      textStyle: { color: p.ink, fontFamily: p.font },
      formatter,
    },
    animationDuration: 300,
  };
}

/** An axis in the charts' style, with its name and unit. */
export function axis(p: Palette, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    nameTextStyle: { color: p.ink2, fontSize: 12 },
    axisLine: { lineStyle: { color: p.line } },
    axisTick: { lineStyle: { color: p.line } },
    axisLabel: { color: p.ink2, hideOverlap: true },
    splitLine: { lineStyle: { color: p.line } },
    ...extra,
  };
}

/** A tooltip body built as DOM (never an HTML string): a bold first line, then plain lines. */
export function tip(first: string, ...lines: string[]): HTMLElement {
  return h("div", { class: "chart-tip" }, h("strong", {}, first), ...lines.map((l) => h("div", {}, l)));
}

export interface ChartSpec {
  /** Names the figure (`data-testid="chart-ID"`) and its exported files. */
  id: string;
  /** In pixels; the width follows the page. */
  height: number;
  /** The chart, drawn in the given palette (called again when the theme changes). */
  option: (p: Palette) => Option;
  /** A sentence saying what the chart shows, for screen readers. */
  summary: string;
  /** How many items the chart draws (bars, nodes, cells): checked against the engine's JSON. */
  items: number;
  /** What the CSV export asks the engine for; none for no CSV. */
  csv?: ChartRequest;
  onClick?: (item: ItemClick) => void;
}

export interface Figure {
  element: HTMLElement;
  /** The live chart, once drawn. */
  chart(): Chart | undefined;
  dispose(): void;
}

const figures = new Set<{ redraw(): void }>();

/** Redraws every chart in the current theme's colours (the shell calls it on a theme change). */
export function redrawCharts(): void {
  for (const f of figures) f.redraw();
}

/**
 * A figure: the chart, drawn once its box has a size (views are built
 * before they are shown) and resized with it, and a toolbar exporting SVG,
 * PNG and CSV.
 */
export function chartFigure(spec: ChartSpec): Figure {
  const box = h("div", { class: "chart-box", role: "img", "aria-label": spec.summary, testid: `chart-${spec.id}-canvas` });
  box.style.height = `${spec.height}px`;
  const status = h("p", { class: "chart-status muted", role: "status" });
  const button = (label: string, format: "svg" | "png" | "csv", run: () => Promise<void>) =>
    h(
      "button",
      {
        class: "button small",
        testid: `chart-${spec.id}-${format}`,
        title: `Export as ${label}`,
        onclick: async () => {
          try {
            await run();
          } catch (err) {
            status.textContent = errorText(err);
          }
        },
      },
      label,
    );
  const done = (path: string) => (status.textContent = `Saved ${path}.`);
  const toolbar = h(
    "div",
    { class: "chart-tools" },
    button("SVG", "svg", async () => {
      const path = await pickSavePath(spec.id, "svg");
      if (!path) return;
      await saveChart(path, [...new TextEncoder().encode(svg(spec, box.clientWidth || 900))]);
      done(path);
    }),
    button("PNG", "png", async () => {
      if (!chart) return;
      const path = await pickSavePath(spec.id, "png");
      if (!path) return;
      await saveChart(path, png(chart));
      done(path);
    }),
    spec.csv &&
      button("CSV", "csv", async () => {
        const path = await pickSavePath(spec.id, "csv");
        if (!path) return;
        await chartCsv(spec.csv!, path);
        done(path);
      }),
  );
  const element = h(
    "figure",
    { class: "chart", testid: `chart-${spec.id}`, "data-items": spec.items },
    toolbar,
    box,
    status,
  );

  let chart: Chart | undefined;
  const draw = () => {
    chart = echarts.init(box, null, { renderer: "canvas" });
    // For the end-to-end tests, which click an item at the pixel ECharts
    // says it is drawn at (`convertToPixel`).
    Object.defineProperty(box, "echarts", { value: chart, configurable: true });
    const started = performance.now();
    chart.on("rendered", function first() {
      // When the first frame was on screen: the figure the e2e test reads.
      element.dataset.drawMs = String(Math.round(performance.now() - started));
      chart?.off("rendered", first);
    });
    chart.on("finished", () => {
      element.dataset.finished = "true";
    });
    chart.setOption(spec.option(palette()));
    const onClick = spec.onClick;
    if (onClick) chart.on("click", (params) => onClick(params as unknown as ItemClick));
    // What ECharts holds to draw, counted from its own model.
    const drawn = chart
      .getOption()
      .series as { data?: unknown[] }[] | undefined;
    element.dataset.drawn = String((drawn ?? []).reduce((n, s) => n + (s.data?.length ?? 0), 0));
  };
  const resize = new ResizeObserver(() => {
    if (box.clientWidth === 0) return;
    if (!chart) draw();
    else chart.resize();
  });
  resize.observe(box);
  const entry = {
    redraw() {
      chart?.setOption(spec.option(palette()), true);
    },
  };
  figures.add(entry);
  return {
    element,
    chart: () => chart,
    dispose() {
      resize.disconnect();
      figures.delete(entry);
      chart?.dispose();
      chart = undefined;
    },
  };
}

/** The chart as an SVG document, rendered apart from the page at `width` pixels on the theme's background. */
export function svg(spec: ChartSpec, width: number): string {
  const p = palette();
  const offscreen = echarts.init(null, null, { renderer: "svg", ssr: true, width, height: spec.height });
  offscreen.setOption({ ...spec.option(p), backgroundColor: p.surface, animation: false });
  const text = offscreen.renderToSVGString();
  offscreen.dispose();
  return text;
}

/** The drawn chart as PNG bytes at twice its size, on the theme's background. */
export function png(chart: Chart): number[] {
  const url = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: palette().surface });
  const binary = atob(url.slice(url.indexOf(",") + 1));
  const bytes = new Array<number>(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A short message where a chart would be when there is nothing to draw. */
export function emptyChart(id: string, message: string): HTMLElement {
  return h("figure", { class: "chart empty", testid: `chart-${id}`, "data-items": 0 }, h("p", { class: "muted" }, message));
}

/** Replaces `box`'s content by figures, disposing the ones drawn there before. */
export function showFigures(box: HTMLElement, old: Figure[], ...next: (Figure | HTMLElement)[]): Figure[] {
  for (const f of old) f.dispose();
  replace(box, ...next.map((n) => (n instanceof HTMLElement ? n : n.element)));
  return next.filter((n): n is Figure => !(n instanceof HTMLElement));
}
