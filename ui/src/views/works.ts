// Works: the deduplicated things the library's reference lists cite. Search
// and filter them, see who cites each, correct a work's details, merge two
// records of one work or split a wrong match off, import and export
// BibTeX/RIS/CSL-JSON, and add works to a list. Entry HTML comes from the
// engine (sanitised there); everything else is set as text. The engine
// filters and pages: the table loads a page at a time ("Show more"), so a
// library of tens of thousands of works still filters as you type.

import {
  exportWorks,
  getWork,
  importWorks,
  listWorks,
  mergeWorks,
  pickFiles,
  pickSavePath,
  splitWork,
  updateWork,
  type CslItem,
  type InterchangeFormat,
  type WorkDetail,
  type WorkRow,
  type WorksFilter,
} from "../api";
import { namesText, parseNames } from "../citations";
import { h, replace } from "../dom";
import { listPicker } from "../list-picker";
import { EXTENSIONS } from "../export";
import { plural } from "../format";
import { icon } from "../icons";
import type { Params, View } from "../view";

/** Rows fetched per page. */
const PAGE = 100;

const TYPES: [string, string][] = [
  ["book", "Book"],
  ["chapter", "Chapter"],
  ["article-journal", "Journal article"],
  ["article-newspaper", "Newspaper article"],
  ["report", "Report"],
  ["webpage", "Web page"],
  ["thesis", "Thesis"],
  ["document", "Other"],
];

/** Kept across visits, like the library's filter. */
const state = {
  query: "",
  kind: "",
  cited: "all" as "all" | "cited" | "uncited",
  selected: new Set<number>(),
  openId: null as number | null,
  list: "",
};

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
    ...TYPES.map(([value, label]) => h("option", { value, selected: value === state.kind }, label)),
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

  const mergeButton = h("button", { class: "button", testid: "works-merge", onclick: () => void merge() }, "Merge selected");
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
  const exportSelect = h(
    "select",
    {
      class: "select",
      testid: "works-export",
      "aria-label": "Export works",
      onchange: () => void exportShown(),
    },
    h("option", { value: "" }, "Export…"),
    ...(["bibtex", "ris", "csl-json"] as const).map((f) => h("option", { value: f }, EXTENSIONS[f].label)),
  );
  const importButton = h(
    "button",
    { class: "button", testid: "works-import", onclick: () => void importPicked() },
    icon("import"),
    h("span", {}, "Import BibTeX/RIS/CSL-JSON"),
  );

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

  /** Runs an action, reporting its failure in the status line instead of throwing. */
  async function attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (err) {
      show((err as Error).message, true);
    }
  }

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
    entry.innerHTML = row.html;
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
    const n = state.selected.size;
    mergeButton.disabled = n < 2;
    mergeButton.title = n < 2 ? "Select two or more records of the same work" : `Merge ${n} works into the first selected`;
    picker.button.disabled = n === 0;
  }

  async function openWork(id: number): Promise<void> {
    state.openId = id;
    for (const tr of tbody.rows) tr.setAttribute("aria-selected", String(Number(tr.dataset.id) === id));
    await attempt(async () => drawDetail(await getWork(id)));
  }

  function drawDetail(work: WorkDetail): void {
    const form = editForm(work.csl, async (csl) => {
      await attempt(async () => {
        await updateWork(work.id, csl);
        show(`Saved work #${work.id}.`);
        await refetch(true);
        await openWork(work.id);
      });
    });
    const entry = h("div", { class: "csl-entry" });
    entry.innerHTML = work.html;
    replace(
      detail,
      h(
        "div",
        { class: "work-detail-head" },
        h("h2", {}, `Work #${work.id}`),
        h(
          "button",
          {
            class: "icon-button",
            title: "Close",
            "aria-label": "Close",
            onclick: () => {
              detail.hidden = true;
              state.openId = null;
            },
          },
          icon("close"),
        ),
      ),
      entry,
      h("p", { class: "muted" }, "In text: ", work.citation),
      work.entries.length > 0 &&
        h(
          "section",
          { class: "panel-section", testid: "work-entries" },
          h("h3", {}, "Reference entries"),
          h(
            "ul",
            { class: "work-entries" },
            ...work.entries.map((e) =>
              h(
                "li",
                {},
                h("a", { href: `#/doc/${e.document_id}` }, `#${e.document_id}`),
                " ",
                h("span", { class: "raw" }, e.raw),
                work.entries.length > 1 &&
                  h(
                    "button",
                    {
                      class: "button small",
                      testid: "work-split",
                      title: "This entry is a different work: give it its own",
                      onclick: () =>
                        void attempt(async () => {
                          const id = await splitWork(e.document_id, e.position);
                          show(`Split the entry off as work #${id}.`);
                          await refetch(true);
                          await openWork(work.id);
                        }),
                    },
                    "Split off",
                  ),
              ),
            ),
          ),
        ),
      h("section", { class: "panel-section" }, h("h3", {}, "Details"), form),
    );
    detail.hidden = false;
  }

  async function merge(): Promise<void> {
    const ids = rows.map((r) => r.id).filter((id) => state.selected.has(id));
    if (ids.length < 2) return;
    const [keep, ...others] = ids;
    await attempt(async () => {
      await mergeWorks(keep, others);
      state.selected = new Set([keep]);
      show(`Merged ${others.length + 1} works into #${keep}.`);
      await refetch(true);
      await openWork(keep);
    });
  }

  async function exportShown(): Promise<void> {
    const format = exportSelect.value as InterchangeFormat | "";
    exportSelect.value = "";
    if (!format) return;
    await attempt(async () => {
      // Without a selection, every work the filter matches, not only the loaded pages.
      const ids = state.selected.size > 0 ? rows.map((r) => r.id).filter((id) => state.selected.has(id)) : (await listWorks(filter(), 0, total)).rows.map((r) => r.id);
      const path = await pickSavePath("works", format);
      if (!path) return;
      await exportWorks(ids, format, path);
      show(`Exported ${plural(ids.length, "work")} to ${path}.`);
    });
  }

  async function importPicked(): Promise<void> {
    await attempt(async () => {
      const picked = await pickFiles("works");
      if (picked.length === 0) return;
      const report = await importWorks(picked);
      const failed = report.errors.map((e) => `${e.path}: ${e.message}`).join("; ");
      show(`Imported ${plural(report.ids.length, "work")}.${failed ? ` Not imported: ${failed}` : ""}`, failed !== "");
      await refetch();
    });
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
      mergeButton,
      h("span", { class: "spacer" }),
      importButton,
      exportSelect,
    ),
    status,
    h("div", { class: "works-layout" }, h("div", {}, table, more, empty), detail),
  );
  if (state.openId !== null) void openWork(state.openId);
  return { searchBox: search };
}

/** The editable fields of a work; `onSave` gets the item with the edits applied. */
function editForm(csl: CslItem, onSave: (csl: CslItem) => Promise<void>): HTMLFormElement {
  const field = (label: string, key: string, value: string | undefined, multiline = false) => {
    const input = multiline
      ? h("textarea", { name: key, rows: 3 }, value ?? "")
      : h("input", { name: key, class: "text-input", value: value ?? "" });
    return h("label", { class: "field" }, h("span", {}, label), input);
  };
  const year = csl.issued?.["date-parts"]?.[0]?.[0];
  const type = h(
    "select",
    { name: "type", class: "select" },
    ...TYPES.map(([value, label]) => h("option", { value, selected: value === csl.type }, label)),
    !TYPES.some(([v]) => v === csl.type) && h("option", { value: csl.type, selected: true }, csl.type),
  );
  const form = h(
    "form",
    {
      class: "work-form",
      testid: "work-form",
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        void onSave(applyEdits(csl, new FormData(form)));
      },
    },
    h("label", { class: "field" }, h("span", {}, "Type"), type),
    field("Authors (one per line: Family, Given)", "author", namesText(csl.author), true),
    field("Year", "year", year === undefined ? undefined : String(year)),
    field("Title", "title", csl.title),
    field("Journal / book / site", "container-title", csl["container-title"]),
    field("Publisher", "publisher", csl.publisher),
    field("Place", "publisher-place", csl["publisher-place"]),
    field("Edition", "edition", csl.edition),
    field("Volume", "volume", csl.volume),
    field("Issue", "issue", csl.issue),
    field("Pages", "page", csl.page),
    field("DOI", "DOI", csl.DOI),
    field("URL", "URL", csl.URL),
    h("div", { class: "dialog-actions" }, h("button", { class: "button primary", type: "submit", testid: "work-save" }, "Save")),
  );
  return form;
}

function applyEdits(csl: CslItem, data: FormData): CslItem {
  const out: CslItem = { ...csl, type: String(data.get("type") || csl.type) };
  const text = (key: string) => String(data.get(key) ?? "").trim();
  for (const key of ["title", "container-title", "publisher", "publisher-place", "edition", "volume", "issue", "page", "DOI", "URL"]) {
    const value = text(key);
    if (value) out[key] = value;
    else delete out[key];
  }
  const authors = parseNames(text("author"));
  if (authors.length > 0) out.author = authors;
  else delete out.author;
  const year = Number.parseInt(text("year"), 10);
  if (Number.isFinite(year)) out.issued = { ...csl.issued, "date-parts": [[year, ...(csl.issued?.["date-parts"]?.[0]?.slice(1) ?? [])]] };
  else if (csl.issued?.["date-parts"]?.length) delete out.issued;
  return out;
}
