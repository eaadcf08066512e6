// A reading list's coverage: for each item, how many essays of the chosen
// scope cite it; essential items that no essay cites are drawn in the
// "missing" colour and listed, which is what a lecturer came to find out.

import { listCoverage, listLists, type Coverage } from "../../api";
import { axis, base, chartFigure, emptyChart, tip, type Figure } from "../../charts";
import { h, replace } from "../../dom";
import { errorText } from "../../errors";
import { plural } from "../../format";
import type { Tab, TabContext } from "./index";

const LIST_KEY = "quire.insights.list";

export async function coverageTab({ collection, box, side }: TabContext): Promise<Tab> {
  const lists = (await listLists()).filter((l) => l.purpose === "reading");
  if (lists.length === 0) {
    replace(box, emptyChart("coverage", "No reading list yet: make one on the Lists page, then see here which of its items essays cite."));
    return { figures: () => [] };
  }
  let figure: Figure | undefined;
  const remembered = localStorage.getItem(LIST_KEY);
  const picker = h(
    "select",
    { class: "select", testid: "coverage-list", "aria-label": "Reading list", onchange: () => void draw() },
    ...lists.map((l) => h("option", { value: l.name }, l.name)),
  );
  if (lists.some((l) => l.name === remembered)) picker.value = remembered!;
  const chartBox = h("div", {});
  replace(box, h("div", { class: "network-filters" }, h("label", {}, "Reading list ", picker)), chartBox);

  async function draw(): Promise<void> {
    localStorage.setItem(LIST_KEY, picker.value);
    figure?.dispose();
    figure = undefined;
    let c: Coverage;
    try {
      c = await listCoverage(picker.value, collection);
    } catch (err) {
      replace(chartBox, h("p", { class: "form-error", role: "alert" }, errorText(err)));
      return;
    }
    if (c.items.length === 0) {
      replace(chartBox, emptyChart("coverage", "This list has no items yet."));
      return;
    }
    figure = coverageFigure(c, collection);
    replace(side, uncited(c));
    replace(
      chartBox,
      h(
        "p",
        { class: "insights-figures", testid: "coverage-figures" },
        h("span", {}, h("strong", {}, String(c.items.filter((i) => i.cited_by.length > 0).length)), `of ${plural(c.items.length, "item")} cited`),
        h("span", {}, h("strong", {}, String(c.essential_uncited.length)), "essential items cited by no essay"),
        h("span", {}, h("strong", {}, String(c.essays)), "essays"),
      ),
      figure.element,
    );
  }
  await draw();
  return { figures: () => (figure ? [figure] : []) };
}

function coverageFigure(c: Coverage, collection: string | null): Figure {
  const label = (i: Coverage["items"][number]) => `${i.importance === "essential" ? "★ " : ""}${i.label}`;
  return chartFigure({
    id: "coverage",
    height: 100 + 26 * c.items.length,
    items: c.items.length,
    summary: `Coverage of ${c.list}: ${c.items.filter((i) => i.cited_by.length > 0).length} of ${c.items.length} items cited by the ${plural(c.essays, "essay")}; ${c.essential_uncited.length} essential items cited by none.`,
    csv: { chart: "coverage", document: null, collection, list: c.list, filter: null },
    option: (p) => ({
      ...base(p, `Coverage of ${c.list}`, `essays citing each item, of ${c.essays} · ★ essential · red: essential, cited by none`, (item: { dataIndex: number }) => {
        const i = c.items[item.dataIndex];
        return tip(i.label, i.title ?? "", i.importance ?? "no importance set", i.section ? `Section: ${i.section}` : "", `Cited by ${plural(i.cited_by.length, "essay")}`);
      }),
      grid: { left: 8, right: 40, top: 64, bottom: 40, containLabel: true },
      xAxis: axis(p, "Essays citing it", { type: "value", minInterval: 1, max: Math.max(c.essays, 1), nameLocation: "middle", nameGap: 26 }),
      yAxis: axis(p, "", { type: "category", inverse: true, data: c.items.map(label), axisLabel: { color: p.ink2, width: 240, overflow: "truncate" }, splitLine: { show: false } }),
      series: [
        {
          type: "bar",
          name: "Essays citing it",
          barMaxWidth: 18,
          label: { show: true, position: "right", color: p.ink2 },
          data: c.items.map((i) => ({
            value: i.cited_by.length,
            itemStyle: {
              color: i.cited_by.length === 0 && i.importance === "essential" ? p.missing : i.cited_by.length >= 2 ? p.shared : p.work,
              borderRadius: [0, 3, 3, 0],
            },
          })),
        },
      ],
    }),
  });
}

function uncited(c: Coverage): HTMLElement {
  const items = c.items.filter((i) => c.essential_uncited.includes(i.work));
  return h(
    "div",
    { testid: "essential-uncited" },
    h("h2", {}, "Essential, cited by no essay"),
    items.length === 0
      ? h("p", { class: "muted" }, "Every essential item is cited at least once.")
      : h("ul", {}, ...items.map((i) => h("li", {}, h("a", { href: `#/works/${i.work}` }, i.label), i.title ? ` — ${i.title}` : ""))),
  );
}
