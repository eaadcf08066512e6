// Works, the table: the screen that lists the deduplicated things the
// library's reference lists cite. It holds the filters, the paged table and
// the selection, and wires in the detail panel (detail.ts) and the toolbar's
// import, export and merge (actions.ts): the screen's state lives here and
// the other two act on it through `WorksScreen`. Entry HTML comes from the
// engine (sanitised there); everything else is set as text. The engine
// filters and pages: the table loads a page at a time ("Show more"), so a
// library of tens of thousands of works still filters as you type.

import { getWork, listWorks, type WorkRow, type WorksFilter } from "../../api";
import { typeLabel } from "../../csl-form";
import { h, replace, setEngineHtml } from "../../dom";
import { errorText } from "../../errors";
import { plural } from "../../format";
import { icon } from "../../icons";
import { listPicker } from "../../list-picker";
import type { Params, View } from "../../view";
import { createActions } from "./actions";
import { drawDetail } from "./detail";

/** Rows fetched per page. */
const PAGE = 100;

/** The types the filter offers. */
const FILTER_TYPES = ["book", "chapter", "article-journal", "article-newspaper", "report", "webpage", "thesis", "document"];

/** Kept across visits, like the library's filter. */
const state = {
  query: "",
  kind: "",
  cited: "all" as "all" | "cited" | "uncited",
  selected: new Set<number>(),
  openId: null as number | null,
  list: "",
};

export type WorksState = typeof state;

/** What the detail panel and the actions need of the screen. */
export interface WorksScreen {
  state: WorksState;
  /** The filter as the engine takes it. */
  filter(): WorksFilter;
  /** The loaded rows, in table order. */
  rows(): WorkRow[];
  /** How many works match the filter in all (the loaded rows may be fewer). */
  total(): number;
  /** A message in the status line. */
  show(message: string, error?: boolean): void;
  /** Runs an action, reporting its failure in the status line instead of throwing. */
  attempt(action: () => Promise<void>): Promise<void>;
  /** Reloads the table; after an edit (`keep`), as many rows as were shown. */
  refetch(keep?: boolean): Promise<void>;
  /** Opens a work in the detail panel. */
  openWork(id: number): Promise<void>;
}

export async function mountWorks(root: HTMLElement, params: Params = {}): Promise<View> {
  // "#/works/12" (a link from a theme's supporting references) opens work 12.
  if (params.id) state.openId = Number(params.id);
  let rows: WorkRow[] = [];
  /** How many works match the filter in all (`rows` may hold fewer). */
  let total = 0;
  let ticket = 0;

  const summary = h("p", { class: "muted", testid: "works-summary" });
  const status = h("p", { class: "works-status", testid: "works-status", "aria-live": "polite" });
  const tbody = h("tbody", {});
  const table = h(
    "table",
    { class: "doc-table works-table", testid: "works-table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", class: "check" }, h("span", { class: "visually-hidden" }, "Select")),
        h("th", { scope: "col" }, "Work (Cite Them Right Harvard)"),
        h("th", { scope: "col" }, "In text"),
        h("th", { scope: "col" }, "Cited by"),
      ),
    ),
    tbody,
  );
  const empty = h("div", { class: "empty-state", testid: "works-empty", hidden: true });
  const more = h("button", { class: "button", testid: "works-more", hidden: true, onclick: () => void loadMore() }, "Show more");
  const detail = h("aside", { class: "work-detail", testid: "work-detail", hidden: true });

  const search = h("input", {
    type: "search",
    class: "filter-input",
    testid: "works-search",
    placeholder: "Search authors, titles, years…",
    "aria-label": "Search works",
    value: state.query,
    oninput: () => {
      state.query = search.value;
      void refetch();
    },
  });
  const kindSelect = h(
    "select",
    {
      class: "select",
      testid: "works-kind",
      "aria-label": "Type of work",
      onchange: () => {
        state.kind = kindSelect.value;
        void refetch();
      },
    },
    h("option", { value: "" }, "All types"),
    ...FILTER_TYPES.map((value) => h("option", { value, selected: value === state.kind }, typeLabel(value))),
  );
  const citedButtons = (["all", "cited", "uncited"] as const).map((c) => {
    const b = h(
      "button",
      {
        class: "segment",
        testid: `works-cited-${c}`,
        "aria-pressed": String(state.cited === c),
        onclick: () => {
          state.cited = c;
          for (const x of citedButtons) x.setAttribute("aria-pressed", String(x === b));
          void refetch();
        },
      },
      { all: "All", cited: "Cited", uncited: "Not cited" }[c],
    );
    return b;
  });

  const picker = listPicker({
    testid: "add-to-list",
    initial: state.list,
    works: () => [...state.selected],
    report: (message, error) => {
      replace(status, message);
      status.classList.toggle("error", error);
    },
    added: (name) => (state.list = name),
  });
  picker.input.addEventListener("input", () => (state.list = picker.input.value));

  function filter(): WorksFilter {
    return {
      query: state.query || undefined,
      kind: state.kind || undefined,
      cited: state.cited === "all" ? undefined : state.cited === "cited",
    };
  }

  /** The first page for the current filter; after an edit (`keep`), as many rows as were shown. */
  async function refetch(keep = false): Promise<void> {
    const mine = ++ticket;
    const page = await listWorks(filter(), 0, keep ? Math.max(PAGE, rows.length) : PAGE);
    if (mine !== ticket) return;
    rows = page.rows;
    total = page.total;
    draw();
  }

  async function loadMore(): Promise<void> {
    const mine = ++ticket;
    more.disabled = true;
    try {
      const page = await listWorks(filter(), rows.length, PAGE);
      if (mine !== ticket) return;
      rows = rows.concat(page.rows);
      total = page.total;
      draw();
    } finally {
      more.disabled = false;
    }
  }

  function show(message: string, error = false): void {
    status.textContent = message;
    status.classList.toggle("error", error);
  }

  async function attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (err) {
      show(errorText(err), true);
    }
  }

  async function openWork(id: number): Promise<void> {
    state.openId = id;
    for (const tr of tbody.rows) tr.setAttribute("aria-selected", String(Number(tr.dataset.id) === id));
    await attempt(async () => drawDetail(detail, await getWork(id), screen));
  }

  const screen: WorksScreen = { state, filter, rows: () => rows, total: () => total, show, attempt, refetch, openWork };
  const actions = createActions(screen);

  function rowFor(row: WorkRow): HTMLTableRowElement {
    const check = h("input", {
      type: "checkbox",
      testid: "work-select",
      "aria-label": `Select work #${row.id}`,
      checked: state.selected.has(row.id),
      onchange: () => {
        if (check.checked) state.selected.add(row.id);
        else state.selected.delete(row.id);
        drawActions();
      },
    });
    const entry = h("div", { class: "csl-entry", testid: "work-entry" });
    setEngineHtml(entry, row.html);
    const cites = row.cited_by.reduce((n, c) => n + c.count, 0);
    return h(
      "tr",
      {
        testid: "work-row",
        "data-id": row.id,
        "aria-selected": String(row.id === state.openId),
        onclick: (event: MouseEvent) => {
          if ((event.target as HTMLElement).closest("a, input, button")) return;
          void openWork(row.id);
        },
      },
      h("td", { class: "check" }, check),
      h("td", {}, entry, row.edited && h("span", { class: "badge edited", title: "Corrected by hand" }, "edited")),
      h("td", { class: "citation", testid: "work-citation" }, row.citation),
      h(
        "td",
        { class: "cited-by", testid: "work-cited-by" },
        cites === 0
          ? h("span", { class: "muted" }, "—")
          : h(
              "ul",
              {},
              ...row.cited_by.map((c) =>
                h(
                  "li",
                  {},
                  h("a", { href: `#/doc/${c.document_id}`, title: c.title }, c.author ?? `#${c.document_id}`),
                  c.count > 1 && h("span", { class: "muted" }, ` ×${c.count}`),
                ),
              ),
            ),
      ),
    );
  }

  function draw(): void {
    replace(tbody, ...rows.map(rowFor));
    summary.textContent = rows.length < total ? `${plural(total, "work")} · ${rows.length} shown` : `${plural(total, "work")} shown`;
    more.hidden = rows.length >= total;
    more.textContent = `Show more (${total - rows.length} left)`;
    table.hidden = rows.length === 0;
    empty.hidden = rows.length > 0;
    replace(empty, h("p", {}, state.query || state.kind || state.cited !== "all" ? "No works match." : "No works yet: import essays with reference lists, or a BibTeX, RIS or CSL-JSON file."));
    drawActions();
  }

  function drawActions(): void {
    actions.update();
    picker.button.disabled = state.selected.size === 0;
  }

  await refetch();
  replace(
    root,
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "Works"), summary)),
    h(
      "div",
      { class: "toolbar" },
      h("label", { class: "filter" }, icon("search"), search, h("kbd", { class: "hint" }, "/")),
      kindSelect,
      h("div", { class: "segmented", role: "group", "aria-label": "Cited" }, ...citedButtons),
    ),
    h(
      "div",
      { class: "toolbar works-actions" },
      picker.element,
      actions.mergeButton,
      h("span", { class: "spacer" }),
      actions.importButton,
      actions.exportSelect,
    ),
    status,
    h("div", { class: "works-layout" }, h("div", {}, table, more, empty), detail),
  );
  if (state.openId !== null) void openWork(state.openId);
  return { searchBox: search };
}
