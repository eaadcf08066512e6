// The citation network: essays and works as nodes, an essay citing a work
// as an edge, laid out by force. Works cited by two or more essays are
// larger and in the shared colour; hovering names a node, clicking an essay
// opens it and clicking a work opens where it is cited. The engine filters
// by the works' years, keeps the best-connected nodes when there are more
// than the chart draws smoothly (saying how many it left out), and lays the
// nodes out by force, so the page draws them at once and pans them freely.

import { citationNetwork, type ChartRequest, type Network, type NetworkNode } from "../../api";
import { base, chartFigure, emptyChart, tip, type Figure, type Palette } from "../../charts";
import { h, replace } from "../../dom";
import { errorText } from "../../errors";
import { plural } from "../../format";
import type { Tab, TabContext } from "./index";
import { showPassages } from "./most-cited";

/** Nodes the chart draws at most: beyond it, the engine keeps the best-connected. */
export const MAX_NODES = 2000;

export async function networkTab({ collection, box, side }: TabContext): Promise<Tab> {
  let figure: Figure | undefined;
  const from = yearInput("network-from", "From");
  const to = yearInput("network-to", "To");
  const note = h("p", { class: "chart-note", testid: "network-hidden", hidden: true });
  const error = h("p", { class: "form-error", role: "alert" });
  const chartBox = h("div", {});
  const apply = h("button", { class: "button small", type: "button", testid: "network-apply", onclick: () => void draw() }, "Apply");
  replace(
    box,
    h(
      "div",
      { class: "network-filters" },
      h("span", { class: "muted" }, "Works published"),
      from.label,
      to.label,
      apply,
      legend(),
    ),
    note,
    error,
    chartBox,
  );

  async function draw(): Promise<void> {
    error.textContent = "";
    let network: Network;
    try {
      network = await citationNetwork(collection, { from: from.value(), to: to.value(), max_nodes: MAX_NODES });
    } catch (err) {
      error.textContent = errorText(err);
      return;
    }
    figure?.dispose();
    note.hidden = network.hidden_nodes === 0;
    note.textContent = `Showing the ${plural(network.nodes.length, "best-connected node")}: ${plural(network.hidden_nodes, "less-connected node")} and ${plural(network.hidden_edges, "citation link")} are hidden. Narrow the years or pick a collection to see them.`;
    if (network.nodes.length === 0) {
      figure = undefined;
      replace(chartBox, emptyChart("network", "No essay or work in these years."));
      return;
    }
    const filter = { from: from.value(), to: to.value(), max_nodes: MAX_NODES };
    figure = networkFigure(network, { chart: "network", document: null, collection, list: null, filter }, (node) => {
      if (node.kind === "essay") location.hash = `#/doc/${node.item}`;
      else void showPassages(side, { work: node.item, label: node.label, title: null }, collection);
    });
    replace(chartBox, figure.element);
  }
  await draw();
  return { figures: () => (figure ? [figure] : []) };
}

function yearInput(testid: string, label: string): { label: HTMLElement; value(): number | null } {
  const input = h("input", { type: "number", class: "text-input", min: 1000, max: 2999, step: 1, placeholder: "any", testid });
  return {
    label: h("label", {}, `${label} `, input),
    value: () => (input.value.trim() === "" ? null : Math.trunc(Number(input.value))),
  };
}

function legend(): HTMLElement {
  const key = (colour: string, text: string) => {
    const dot = h("span", { class: "key", "aria-hidden": "true" });
    dot.style.setProperty("--key", `var(${colour})`);
    return h("span", {}, dot, text);
  };
  return h(
    "span",
    { class: "chart-legend" },
    key("--chart-essay", "Essay"),
    key("--chart-work", "Work cited once"),
    key("--chart-shared", "Work cited by two or more essays"),
  );
}

function colour(p: Palette, n: NetworkNode): string {
  if (n.kind === "essay") return p.essay;
  return n.degree >= 2 ? p.shared : p.work;
}

export function networkFigure(network: Network, csv: ChartRequest, open: (node: NetworkNode) => void): Figure {
  const essays = network.nodes.filter((n) => n.kind === "essay").length;
  const shared = network.nodes.filter((n) => n.kind === "work" && n.degree >= 2).length;
  const big = network.nodes.length > 600;
  return chartFigure({
    id: "network",
    height: 620,
    items: network.nodes.length,
    summary: `Citation network: ${plural(essays, "essay")}, ${plural(network.nodes.length - essays, "work")} (${shared} cited by two or more essays), ${plural(network.edges.length, "citation link")}.`,
    csv,
    onClick: (item) => {
      if (item.dataType === "node") open(network.nodes[item.dataIndex]);
    },
    option: (p) => ({
      ...base(p, "Citation network", `${plural(essays, "essay")} · ${plural(network.nodes.length - essays, "work")} · ${shared} shared · drag to pan, scroll to zoom`, (item: { dataType: string; dataIndex: number }) => {
        if (item.dataType !== "node") return "";
        const n = network.nodes[item.dataIndex];
        return n.kind === "essay"
          ? tip(n.label, `Essay · cites ${plural(n.degree, "work")}`, "Click to open it")
          : tip(n.label, `Cited by ${plural(n.degree, "essay")}`, "Click for the passages");
      }),
      animation: false,
      series: [
        {
          type: "graph",
          // The engine laid the nodes out; the page only draws and pans them.
          layout: "none",
          roam: true,
          cursor: "pointer",
          // Fading the other 2,000 nodes on every hover costs more than a frame.
          emphasis: big ? { scale: 1.6 } : { focus: "adjacency", lineStyle: { opacity: 0.9 } },
          lineStyle: { color: p.ink3, opacity: big ? 0.18 : 0.35, curveness: 0 },
          labelLayout: { hideOverlap: true },
          label: { color: p.ink2, fontSize: 11, position: "right" },
          data: network.nodes.map((n) => ({
            id: n.id,
            name: n.label,
            x: n.position?.[0] ?? 0,
            y: n.position?.[1] ?? 0,
            symbolSize: n.kind === "essay" ? (big ? 7 : 14) : Math.min(4 + 3 * Math.sqrt(n.degree), 26),
            itemStyle: { color: colour(p, n), borderColor: p.surface, borderWidth: big ? 0 : 1 },
            label: { show: !big && (n.kind === "essay" || n.degree >= 2) },
          })),
          links: network.edges.map((e) => ({
            source: e.source,
            target: e.target,
            lineStyle: { width: Math.min(0.6 + 0.5 * Math.log2(e.weight), 3) },
          })),
        },
      ],
    }),
  });
}
