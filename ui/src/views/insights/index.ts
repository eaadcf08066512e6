// The insights page: a collection or the whole library as pictures. One tab
// per picture (most-cited works, the citation network, the theme heat map,
// reference ages, reading-list coverage), the scope picked at the top and
// kept in the address (`#/insights/TAB?c=COLLECTION`), and a side panel
// where a clicked bar or cell opens its paragraphs.

import { listCollections, type Collection } from "../../api";
import type { Figure } from "../../charts";
import { h, replace } from "../../dom";
import { errorText } from "../../errors";
import type { Params, View } from "../../view";
import { agesTab } from "./ages";
import { coverageTab } from "./coverage";
import { mostCitedTab } from "./most-cited";
import { networkTab } from "./network";
import { themesTab } from "./themes-map";

/** What a tab gets: where it draws, the side panel, and the scope. */
export interface TabContext {
  /** The collection's id as the API takes it, or null for the whole library. */
  collection: string | null;
  /** Where the tab draws. */
  box: HTMLElement;
  /** The side panel: passages and paragraphs a click opens. */
  side: HTMLElement;
}

/** A drawn tab: its figures, disposed when the tab or the scope changes. */
export interface Tab {
  figures(): Figure[];
  dispose?(): void;
}

const TABS = [
  { id: "cited", label: "Most cited", draw: mostCitedTab },
  { id: "network", label: "Citation network", draw: networkTab },
  { id: "themes", label: "Themes", draw: themesTab },
  { id: "ages", label: "Reference ages", draw: agesTab },
  { id: "coverage", label: "Reading lists", draw: coverageTab },
] as const;

type TabId = (typeof TABS)[number]["id"];

export function insightsHref(tab: string, collection: string | null): string {
  return `#/insights/${tab}${collection ? `?c=${encodeURIComponent(collection)}` : ""}`;
}

export async function mountInsights(root: HTMLElement, params: Params): Promise<View> {
  document.title = "Insights — Quire";
  const tab: TabId = TABS.some((t) => t.id === params.tab) ? (params.tab as TabId) : "cited";
  const collections = await listCollections();
  const asked = new URLSearchParams(params.query ?? "").get("c");
  const collection = collections.some((c) => String(c.id) === asked) ? asked : null;

  const scope = h(
    "select",
    {
      class: "select",
      testid: "insights-scope",
      "aria-label": "Which essays",
      onchange: () => (location.hash = insightsHref(tab, scope.value || null)),
    },
    h("option", { value: "" }, "Whole library"),
    ...collections.map((c: Collection) => h("option", { value: String(c.id) }, c.title)),
  );
  scope.value = collection ?? "";

  const tabs = h(
    "nav",
    { class: "tabs", "aria-label": "Insights" },
    ...TABS.map((t) =>
      h(
        "a",
        { class: "tab", href: insightsHref(t.id, collection), testid: `insights-tab-${t.id}`, "aria-current": t.id === tab ? "page" : false },
        t.label,
      ),
    ),
  );
  const box = h("div", { class: "insights-main", testid: `insights-${tab}` });
  const side = h(
    "aside",
    { class: "insights-side", testid: "insights-side", "aria-live": "polite" },
    h("p", { class: "muted" }, "Click a bar, a node or a cell to see the paragraphs behind it."),
  );
  replace(
    root,
    h(
      "header",
      { class: "insights-head" },
      h("h1", {}, "Insights"),
      h("label", { class: "insights-scope" }, h("span", { class: "muted" }, "Essays of"), scope),
    ),
    tabs,
    h("div", { class: "insights-layout" }, box, side),
  );

  let drawn: Tab | undefined;
  try {
    const draw = TABS.find((t) => t.id === tab)!.draw;
    drawn = await draw({ collection, box, side });
  } catch (err) {
    replace(box, h("p", { class: "form-error", role: "alert" }, errorText(err)));
  }
  return {
    dispose() {
      for (const f of drawn?.figures() ?? []) f.dispose();
      drawn?.dispose?.();
      document.title = "Quire";
    },
  };
}
