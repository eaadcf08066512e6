// The library: every document with its author, affiliation, kind and word
// count, flagged when outside its collection's limits or a duplicate.

import { listCollections, listDocuments, type Collection, type DocRow, type Kind } from "../api";
import { h, replace } from "../dom";
import { countLine, limitBadge, limitRange, matchesQuery } from "../format";
import { icon } from "../icons";
import type { View } from "../view";

/** Kept across visits so coming back from the reader restores the same list. */
const state = {
  kind: "all" as Kind | "all",
  collectionId: null as number | null,
  query: "",
  selectedId: null as number | null,
};

export async function mountLibrary(root: HTMLElement): Promise<View> {
  const collections = await listCollections();
  if (state.collectionId !== null && !collections.some((c) => c.id === state.collectionId)) state.collectionId = null;
  let rows = await fetchRows();
  let shown: DocRow[] = [];

  const summary = h("p", { class: "muted", testid: "library-summary" });
  const about = h("div", { class: "collection-about" });
  const tbody = h("tbody", {});
  const table = h(
    "table",
    { class: "doc-table", testid: "doc-table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Title"),
        h("th", { scope: "col" }, "Author"),
        h("th", { scope: "col" }, "Affiliation"),
        h("th", { scope: "col" }, "Kind"),
        h("th", { scope: "col", class: "num" }, "Words"),
      ),
    ),
    tbody,
  );
  const empty = h("div", { class: "empty-state", testid: "library-empty", hidden: true });

  const search = h("input", {
    type: "search",
    class: "filter-input",
    testid: "filter-input",
    placeholder: "Filter by title, author, university…",
    "aria-label": "Filter documents",
    value: state.query,
    oninput: () => {
      state.query = search.value;
      draw();
    },
    onkeydown: (event: KeyboardEvent) => {
      if (event.key === "ArrowDown" || event.key === "Enter") {
        event.preventDefault();
        search.blur();
        select(0);
      }
    },
  });

  const collectionSelect = h(
    "select",
    {
      class: "select",
      testid: "collection-filter",
      "aria-label": "Collection",
      onchange: async () => {
        state.collectionId = collectionSelect.value === "" ? null : Number(collectionSelect.value);
        await refetch();
      },
    },
    h("option", { value: "" }, "All collections"),
    ...collections.map((c) => h("option", { value: c.id, selected: c.id === state.collectionId }, c.title)),
  );

  const kindButtons = (["all", "essay", "source"] as const).map((kind) =>
    h(
      "button",
      {
        class: "segment",
        testid: `kind-filter-${kind}`,
        "aria-pressed": String(state.kind === kind),
        onclick: async () => {
          state.kind = kind;
          for (const b of kindButtons) b.setAttribute("aria-pressed", String(b.dataset.kind === kind));
          await refetch();
        },
      },
      { all: "All", essay: "Essays", source: "Sources" }[kind],
    ),
  );
  kindButtons.forEach((b, i) => (b.dataset.kind = ["all", "essay", "source"][i]));

  async function fetchRows(): Promise<DocRow[]> {
    return listDocuments({
      kind: state.kind === "all" ? undefined : state.kind,
      collection_id: state.collectionId ?? undefined,
    });
  }

  async function refetch(): Promise<void> {
    rows = await fetchRows();
    draw();
  }

  function limitsOf(row: DocRow): Collection | undefined {
    return collections.find((c) => c.id === row.collection_id);
  }

  function rowFor(row: DocRow): HTMLTableRowElement {
    const c = limitsOf(row);
    const badge = limitBadge(row.limit_flag, c?.min_words ?? null, c?.max_words ?? null);
    const open = () => (location.hash = `#/doc/${row.id}`);
    return h(
      "tr",
      {
        testid: "doc-row",
        "data-id": row.id,
        "aria-selected": String(row.id === state.selectedId),
        onclick: (event: MouseEvent) => {
          if ((event.target as HTMLElement).closest("a")) return;
          state.selectedId = row.id;
          open();
        },
      },
      h(
        "td",
        { class: "title-cell" },
        h("a", { href: `#/doc/${row.id}`, class: "doc-title", testid: "doc-title" }, row.title),
        row.duplicate_of !== null &&
          h(
            "a",
            {
              class: "badge duplicate",
              testid: "duplicate-badge",
              href: `#/doc/${row.duplicate_of}`,
              title: "A near-copy of an earlier document; not counted twice",
            },
            `duplicate of #${row.duplicate_of}`,
          ),
        // Essays often carry their collection's prompt as title; then the file says more.
        h("span", { class: "origin" }, row.collection && row.collection !== row.title ? row.collection : row.origin),
      ),
      h("td", { class: "author" }, row.author ?? "—"),
      h("td", { class: "affiliation" }, row.affiliation ?? "—"),
      h("td", {}, h("span", { class: `kind kind-${row.kind}` }, row.kind)),
      h(
        "td",
        { class: "num" },
        h("span", { class: "words" }, row.word_count.toLocaleString("en-GB")),
        badge && h("span", { class: "badge limit", testid: "limit-badge", title: "Outside the collection's word limits" }, badge),
      ),
    );
  }

  function draw(): void {
    shown = rows.filter((r) => matchesQuery(r, state.query));
    replace(tbody, ...shown.map(rowFor));
    summary.textContent = shown.length === rows.length ? countLine(rows) : `${shown.length} of ${rows.length} shown · ${countLine(shown)}`;
    const c = collections.find((x) => x.id === state.collectionId);
    const range = c && limitRange(c.min_words, c.max_words);
    replace(about, c?.prompt && h("p", { class: "prompt" }, c.prompt), range && h("p", { class: "muted" }, `Word limit: ${range}`));
    table.hidden = shown.length === 0;
    empty.hidden = shown.length > 0;
    replace(
      empty,
      rows.length === 0
        ? h("p", {}, "Nothing here yet. Import essays or sources with the Import button, or drop files on the window.")
        : h("p", {}, "No documents match the filter."),
    );
    markSelected(false);
  }

  function selectedIndex(): number {
    return shown.findIndex((r) => r.id === state.selectedId);
  }

  function select(index: number): void {
    if (shown.length === 0) return;
    state.selectedId = shown[Math.max(0, Math.min(index, shown.length - 1))].id;
    markSelected(true);
  }

  function markSelected(scroll: boolean): void {
    for (const tr of tbody.rows) {
      const on = Number(tr.dataset.id) === state.selectedId;
      tr.setAttribute("aria-selected", String(on));
      if (on && scroll) tr.scrollIntoView({ block: "nearest" });
    }
  }

  draw();
  replace(
    root,
    h(
      "div",
      { class: "page-head" },
      h("div", {}, h("h1", {}, "Library"), summary),
      about,
    ),
    h(
      "div",
      { class: "toolbar" },
      h("label", { class: "filter" }, icon("search"), search, h("kbd", { class: "hint" }, "/")),
      h("div", { class: "segmented", role: "group", "aria-label": "Kind" }, ...kindButtons),
      collectionSelect,
    ),
    table,
    empty,
  );
  requestAnimationFrame(() => markSelected(true));

  return {
    searchBox: search,
    onKey(event) {
      const i = selectedIndex();
      switch (event.key) {
        case "j":
        case "ArrowDown":
          select(i + 1);
          return true;
        case "k":
        case "ArrowUp":
          select(i < 0 ? 0 : i - 1);
          return true;
        case "Home":
          select(0);
          return true;
        case "End":
          select(shown.length - 1);
          return true;
        case "Enter":
          if (i < 0) return false;
          location.hash = `#/doc/${shown[i].id}`;
          return true;
        default:
          return false;
      }
    },
  };
}
