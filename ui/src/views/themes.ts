// The themes page: saved searches with their colours and counts, a theme ×
// document heat map, one theme's paragraphs and supporting references, and
// suggested themes from the index's term statistics as one-click chips.
// Colours reach CSS through custom properties set with the CSSOM, which the
// app's style-src CSP allows (style attributes it does not).

import {
  addTheme,
  deleteTheme,
  listThemes,
  showTheme,
  themeMatrix,
  suggestedThemes,
  workIds,
  type CitedWork,
  type KeyTerm,
  type ThemeReport,
  type ThemeSummary,
} from "../api";
import type { Figure } from "../charts";
import { h, replace } from "../dom";
import { errorText } from "../errors";
import { plural } from "../format";
import { icon } from "../icons";
import { listPicker } from "../list-picker";
import type { Params, View } from "../view";
import { showCell, themeMapFigure } from "./insights/themes-map";
import { hitHref, renderSnippet } from "./search";

const SUGGESTIONS = 12;

function themeHref(name: string): string {
  return `#/themes/${encodeURIComponent(name)}`;
}

function swatch(colour: string): HTMLElement {
  const el = h("span", { class: "swatch", "aria-hidden": "true" });
  el.style.setProperty("--theme", colour);
  return el;
}


export async function mountThemes(root: HTMLElement, params: Params): Promise<View> {
  document.title = "Themes — Quire";
  const current = params.name ? decodeURIComponent(params.name) : null;
  const [themes, suggestions] = await Promise.all([listThemes(), suggestedThemes(SUGGESTIONS)]);

  const error = h("p", { class: "form-error", testid: "theme-error", role: "alert" });
  const listBox = h("div", { class: "theme-list-box" });
  const heatBox = h("div", { class: "heatmap-box" });
  const suggestBox = h("div", { class: "suggest-box" });
  const detail = h("section", { class: "theme-detail", testid: "theme-detail", "aria-live": "polite" });

  function redraw(all: ThemeSummary[]): void {
    replace(listBox, themeList(all));
    void drawHeatMap();
    replace(suggestBox, suggested(all));
  }

  async function save(name: string, query: string, colour?: string): Promise<boolean> {
    error.textContent = "";
    try {
      redraw(await addTheme(name, query, colour));
      return true;
    } catch (err) {
      error.textContent = errorText(err);
      return false;
    }
  }

  function themeList(all: ThemeSummary[]): HTMLElement {
    if (all.length === 0) return h("p", { class: "muted", testid: "themes-empty" }, "No themes yet: add one below or pick a suggestion.");
    return h(
      "ul",
      { class: "theme-list", testid: "theme-list" },
      ...all.map((t) =>
        h(
          "li",
          { class: `theme-row${t.name === current ? " current" : ""}`, testid: "theme-row", "data-name": t.name },
          swatch(t.colour),
          h(
            "a",
            { class: "theme-name", href: themeHref(t.name), testid: "theme-link" },
            h("span", {}, t.name),
            h("code", { class: "theme-query" }, t.query),
          ),
          t.error === undefined
            ? h("span", { class: "theme-counts", testid: "theme-counts" }, `${plural(t.documents, "doc")} · ${plural(t.paragraphs, "¶", "¶")}`)
            : h("span", { class: "theme-counts error", testid: "theme-error", title: t.error }, "Query cannot be used"),
          h(
            "button",
            {
              class: "icon-button small",
              title: `Delete the theme ${t.name}`,
              "aria-label": `Delete the theme ${t.name}`,
              testid: "theme-delete",
              onclick: async () => {
                if (!window.confirm(`Delete the theme "${t.name}"? Documents are not touched.`)) return;
                error.textContent = "";
                try {
                  redraw(await deleteTheme(t.name));
                  if (t.name === current) location.hash = "#/themes";
                } catch (err) {
                  error.textContent = errorText(err);
                }
              },
            },
            icon("close"),
          ),
        ),
      ),
    );
  }

  /** The heat map the insights page draws, over the whole library: saved and suggested themes × documents. */
  let heat: Figure | undefined;
  async function drawHeatMap(): Promise<void> {
    try {
      const matrix = await themeMatrix(null);
      heat?.dispose();
      const figure = themeMapFigure(matrix, { chart: "themes", document: null, collection: null, list: null, filter: null }, (theme, doc) =>
        void showCell(detail, matrix, theme, doc),
      );
      heat = figure instanceof HTMLElement ? undefined : figure;
      replace(heatBox, figure instanceof HTMLElement ? figure : figure.element);
    } catch (err) {
      replace(heatBox, h("p", { class: "form-error", role: "alert" }, errorText(err)));
    }
  }

  function suggested(all: ThemeSummary[]): HTMLElement | null {
    // A suggestion saved under an existing theme's name would overwrite it.
    const taken = new Set(all.flatMap((t) => [t.query.toLowerCase(), t.name.toLowerCase()]));
    const fresh = suggestions.filter((s: KeyTerm) => !taken.has(s.term.toLowerCase()));
    if (fresh.length === 0) return null;
    return h(
      "div",
      { class: "suggestions", testid: "theme-suggestions" },
      h("h2", {}, "Suggested themes"),
      h("p", { class: "muted" }, "Words particular to parts of the library. One click saves one as a theme."),
      h(
        "div",
        { class: "chip-row" },
        ...fresh.map((s) =>
          h(
            "button",
            {
              class: "chip",
              testid: "theme-suggestion",
              title: `In ${plural(s.paragraphs, "paragraph")} of ${plural(s.documents, "document")}`,
              onclick: () => void save(s.term.charAt(0).toUpperCase() + s.term.slice(1), s.term),
            },
            h("span", {}, `+ ${s.term}`),
            h("span", { class: "chip-count" }, String(s.documents)),
          ),
        ),
      ),
    );
  }

  const nameInput = h("input", { class: "text-input", name: "name", placeholder: "Name, e.g. Power", required: true, testid: "theme-name" });
  const queryInput = h("input", {
    class: "text-input",
    name: "query",
    placeholder: 'Query, e.g. power OR "power imbalance"',
    required: true,
    testid: "theme-query",
  });
  const colourInput = h("input", { type: "color", name: "colour", value: "#457b9d", title: "Colour", testid: "theme-colour" });
  const form = h(
    "form",
    {
      class: "theme-form",
      testid: "theme-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (await save(nameInput.value, queryInput.value, colourInput.value)) {
          location.hash = themeHref(nameInput.value.trim());
          nameInput.value = "";
          queryInput.value = "";
        }
      },
    },
    h("h2", {}, "New theme"),
    nameInput,
    queryInput,
    h("div", { class: "theme-form-actions" }, colourInput, h("button", { class: "button primary", type: "submit", testid: "theme-add" }, "Save theme")),
    error,
  );

  redraw(themes);
  window.scrollTo(0, 0);
  replace(
    root,
    h(
      "div",
      { class: "themes-page", testid: "themes" },
      h(
        "header",
        { class: "page-head" },
        h("h1", {}, "Themes"),
        h("p", { class: "muted" }, "A theme is a saved search with a colour. Press Ctrl+K to search freely."),
      ),
      h("section", { class: "panel-section heat-section" }, h("h2", {}, "Themes across documents"), heatBox),
      h(
        "div",
        { class: "themes-layout" },
        h("aside", { class: "themes-side" }, h("section", { class: "panel-section" }, h("h2", {}, "Saved themes"), listBox), h("section", { class: "panel-section" }, form), suggestBox),
        detail,
      ),
    ),
  );

  if (current) {
    replace(detail, h("p", { class: "muted" }, "Loading…"));
    try {
      replace(detail, ...report(await showTheme(current)));
    } catch (err) {
      replace(detail, h("p", { class: "form-error", testid: "theme-error" }, errorText(err)));
    }
  } else {
    replace(detail, h("p", { class: "muted theme-hint" }, "Choose a theme to see where it appears and which works support it."));
  }

  return {
    dispose() {
      heat?.dispose();
      document.title = "Quire";
    },
  };
}

function report(r: ThemeReport): Node[] {
  const paragraphs = r.documents.reduce((n, d) => n + d.paragraphs.length, 0);
  return [
    h(
      "header",
      { class: "theme-detail-head" },
      swatch(r.theme.colour),
      h("h2", { testid: "theme-title" }, r.theme.name),
      h("code", { class: "theme-query" }, r.theme.query),
      h("p", { class: "muted" }, `${plural(r.documents.length, "document")} · ${plural(paragraphs, "paragraph")}`),
    ),
    ...r.ignored.map((s) => h("p", { class: "palette-note", testid: "theme-ignored" }, `Ignored in the query: ${s}`)),
    h(
      "section",
      { class: "theme-docs", testid: "theme-docs" },
      ...r.documents.map((d) =>
        h(
          "article",
          { class: "theme-doc", testid: "theme-doc", "data-doc": d.doc },
          h("h3", {}, h("a", { href: `#/doc/${d.doc}` }, d.title), d.author && h("span", { class: "muted" }, ` · ${d.author}`)),
          d.paragraphs.length === 0
            ? h("p", { class: "muted" }, "Matched by its title, author or references.")
            : h(
                "ol",
                { class: "theme-paras" },
                ...d.paragraphs.map((p) =>
                  h(
                    "li",
                    {},
                    h(
                      "a",
                      { class: "theme-para", href: hitHref(p), testid: "theme-paragraph" },
                      h("span", { class: "hit-where" }, `¶ ${(p.paragraph ?? 0) + 1}`),
                      h("span", { class: "hit-snippet" }, renderSnippet(p)),
                    ),
                  ),
                ),
              ),
        ),
      ),
    ),
    h(
      "section",
      { class: "panel-section theme-works", testid: "theme-works" },
      h("h2", {}, "Supporting references"),
      r.works.length === 0
        ? h("p", { class: "muted" }, "The matching paragraphs cite no works.")
        : h(
            "ol",
            {},
            ...r.works.map((w) =>
              h(
                "li",
                { testid: "theme-work" },
                w.work_id === null ? h("span", {}, w.work) : h("a", { href: `#/works/${w.work_id}` }, w.work),
                h("span", { class: "muted" }, ` — ${plural(w.paragraphs, "paragraph")} in ${plural(w.documents.length, "document")}`),
                w.work_id === null && h("span", { class: "muted" }, " (no reference entry)"),
              ),
            ),
          ),
      addWorks(r.works),
    ),
  ];
}

/** "Add these works to a list": the works with a record, most cited first. */
function addWorks(works: CitedWork[]): HTMLElement | null {
  const ids = workIds(works);
  if (ids.length === 0) return null;
  const status = h("p", { class: "works-status", testid: "theme-add-status", "aria-live": "polite" });
  const picker = listPicker({
    testid: "theme-add-to-list",
    label: `Add ${plural(ids.length, "work")} to list`,
    works: () => ids,
    report: (message, error) => {
      replace(status, message);
      status.classList.toggle("error", error);
    },
  });
  return h("div", { class: "theme-add" }, picker.element, status);
}
