// Global search: the Ctrl+K palette (results as you type, facet filters,
// open-at-paragraph), the safe snippet renderer, and the reader's hook that
// scrolls to a paragraph and marks the matched words in it.

import { keyTerms, search, workIds, worksCitedWhere, type FacetCount, type Facets, type SearchHit, type SearchQuery, type SearchResults } from "../api";
import { h, replace } from "../dom";
import { errorText } from "../errors";
import { plural } from "../format";
import { icon } from "../icons";
import { listPicker } from "../list-picker";

/** Wait this long after the last keystroke before searching. */
const DEBOUNCE_MS = 120;
const LIMIT = 30;
/** Facet values shown per group; the rest are rarely useful in a palette. */
const FACET_VALUES = 6;

type FacetName = keyof Facets;
const FACETS: { name: FacetName; label: string }[] = [
  { name: "kind", label: "Kind" },
  { name: "collection", label: "Collection" },
  { name: "affiliation", label: "Affiliation" },
  { name: "year", label: "Year" },
];

/** A hit's snippet as the engine cut it: plain-text pieces, matched or not. */
export type Snippet = Pick<SearchHit, "parts">;

/**
 * A snippet as DOM: text nodes, and `<b>` elements around the matched words.
 * The text is never parsed as markup.
 */
export function renderSnippet({ parts }: Snippet): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const part of parts) {
    fragment.append(part.matched ? h("b", {}, part.text) : document.createTextNode(part.text));
  }
  return fragment;
}

/** The words a snippet shows as matched: what the reader marks. */
export function matchedWords({ parts }: Snippet): string[] {
  const words = parts.filter((p) => p.matched).flatMap((p) => p.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  return [...new Set(words)];
}

/** Where a hit opens: the reader at its paragraph, with its words to mark. */
export function hitHref(hit: Pick<SearchHit, "doc" | "paragraph" | "parts">): string {
  if (hit.paragraph === null) return `#/doc/${hit.doc}`;
  const words = matchedWords(hit);
  const query = words.length > 0 ? `?${new URLSearchParams({ hl: words.join(" ") })}` : "";
  return `#/doc/${hit.doc}/p/${hit.paragraph}${query}`;
}

export interface Palette {
  element: HTMLDialogElement;
  open(text?: string): void;
}

/** The search palette, mounted once by the shell and opened with Ctrl+K. */
export function createSearchPalette(): Palette {
  const input = h("input", {
    type: "search",
    class: "palette-input",
    placeholder: "Search essays and sources — \"phrases\", author:, title:, cites:, OR, -word",
    "aria-label": "Search the library",
    autocomplete: "off",
    spellcheck: "false",
    testid: "search-input",
  });
  const status = h("p", { class: "palette-status", testid: "search-status", "aria-live": "polite" });
  const notes = h("div", { class: "palette-notes", testid: "search-notes" });
  const facets = h("div", { class: "palette-facets", testid: "search-facets" });
  const list = h("ol", { class: "palette-results", testid: "search-results", role: "listbox" });
  // "Add the works these results cite to a list": a student collecting
  // sources on a theme, a lecturer starting a reading list from a search.
  const collectStatus = h("span", { class: "palette-collect-status", testid: "search-collect-status", "aria-live": "polite" });
  const collector = listPicker({
    testid: "search-collect",
    label: "Add the works they cite to a list",
    works: async () => {
      const works = await worksCitedWhere(input.value);
      return workIds(works);
    },
    report: (message, error) => {
      replace(collectStatus, message);
      collectStatus.classList.toggle("error", error);
    },
  });
  collectStatus.addEventListener("click", (event) => {
    if ((event.target as HTMLElement).closest("a")) dialog.close();
  });
  const collect = h("div", { class: "palette-collect", hidden: true }, collector.element, collectStatus);
  const dialog = h(
    "dialog",
    { class: "palette", testid: "search-palette", "aria-label": "Search" },
    h("div", { class: "palette-bar" }, icon("search"), input, h("kbd", {}, "Esc")),
    notes,
    facets,
    status,
    collect,
    list,
  );

  const filters: Partial<Record<FacetName, string>> = {};
  let hits: SearchHit[] = [];
  let selected = 0;
  let timer: number | undefined;
  let ticket = 0;

  async function run(): Promise<void> {
    const mine = ++ticket;
    const query: SearchQuery = {
      text: input.value,
      kind: filters.kind ?? null,
      collection: filters.collection ?? null,
      affiliation: filters.affiliation ?? null,
      year: filters.year ? Number(filters.year) : null,
      limit: LIMIT,
    };
    if (!query.text.trim() && !Object.values(filters).some(Boolean)) {
      collect.hidden = true;
      hits = [];
      replace(list);
      replace(facets);
      replace(notes);
      status.textContent = "Type to search every essay and source. Enter opens the selected paragraph.";
      return;
    }
    try {
      const results = await search(query);
      if (mine !== ticket) return;
      draw(results);
    } catch (err) {
      if (mine !== ticket) return;
      hits = [];
      collect.hidden = true;
      replace(list);
      status.textContent = errorText(err);
    }
  }

  function draw(results: SearchResults): void {
    hits = results.hits;
    selected = 0;
    collect.hidden = !input.value.trim() || !hits.some((hit) => hit.paragraph !== null);
    status.textContent =
      results.total === 0
        ? "Nothing matches."
        : `${plural(results.total, "document")} · showing ${plural(hits.length, "place")}`;
    replace(
      notes,
      ...results.similar.map((s) => h("p", { class: "palette-note", testid: "search-similar" }, `Also matched similar spelling: ${s}`)),
      ...results.ignored.map((s) => h("p", { class: "palette-note", testid: "search-ignored" }, `Ignored: ${s}`)),
    );
    replace(facets, ...FACETS.map((f) => facetGroup(f.name, f.label, results.facets[f.name])));
    replace(list, ...hits.map((hit, i) => result(hit, i)));
    mark();
  }

  function facetGroup(name: FacetName, label: string, values: FacetCount[]): HTMLElement | null {
    const active = filters[name];
    if (values.length === 0 && !active) return null;
    const shown = active ? values.filter((v) => v.value === active) : values.slice(0, FACET_VALUES);
    return h(
      "div",
      { class: "facet-group", testid: `facet-${name}` },
      h("span", { class: "facet-label" }, label),
      ...shown.map((v) =>
        h(
          "button",
          {
            class: `chip${active === v.value ? " active" : ""}`,
            testid: "facet-chip",
            "data-facet": name,
            "data-value": v.value,
            "aria-pressed": String(active === v.value),
            onclick: () => {
              if (active === v.value) delete filters[name];
              else filters[name] = v.value;
              void run();
              input.focus();
            },
          },
          h("span", {}, v.value),
          h("span", { class: "chip-count" }, String(v.count)),
          active === v.value && icon("close"),
        ),
      ),
    );
  }

  function result(hit: SearchHit, i: number): HTMLElement {
    const where = hit.paragraph === null ? "title, author or references" : `¶ ${hit.paragraph + 1}`;
    return h(
      "li",
      {
        class: "palette-hit",
        role: "option",
        testid: "search-hit",
        "data-doc": hit.doc,
        "data-paragraph": hit.paragraph ?? "",
        onclick: () => openHit(hit),
        onmousemove: () => {
          if (selected !== i) {
            selected = i;
            mark();
          }
        },
      },
      h(
        "div",
        { class: "hit-head" },
        h("span", { class: "hit-title" }, hit.title),
        hit.author && h("span", { class: "muted" }, ` · ${hit.author}`),
        h("span", { class: "hit-where" }, `${hit.kind} · ${where}`),
      ),
      h("p", { class: "hit-snippet", testid: "search-snippet" }, renderSnippet(hit)),
    );
  }

  function mark(): void {
    [...list.children].forEach((li, i) => {
      li.classList.toggle("selected", i === selected);
      li.setAttribute("aria-selected", String(i === selected));
    });
    list.children[selected]?.scrollIntoView({ block: "nearest" });
  }

  function openHit(hit: SearchHit): void {
    dialog.close();
    location.hash = hitHref(hit);
  }

  input.addEventListener("input", () => {
    replace(collectStatus);
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (hits.length === 0) return;
      selected = (selected + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      mark();
    } else if (event.key === "Enter") {
      event.preventDefault();
      window.clearTimeout(timer);
      if (hits[selected]) openHit(hits[selected]);
      else void run();
    }
  });
  // The shell's shortcuts must not act on keys typed here.
  dialog.addEventListener("keydown", (event) => event.stopPropagation());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });

  const palette: Palette = {
    element: dialog,
    open(text?: string) {
      if (text !== undefined) input.value = text;
      if (!dialog.open) dialog.showModal();
      void collector.refresh().catch(() => undefined);
      input.focus();
      input.select();
      void run();
    },
  };
  // Views open the palette with a query (a key term, say) without a handle on it.
  document.addEventListener(OPEN_EVENT, (event) => palette.open((event as CustomEvent<string>).detail));
  return palette;
}

/** The event that opens the search palette with its `detail` as the query. */
const OPEN_EVENT = "quire-search";

export function openSearch(text: string): void {
  document.dispatchEvent(new CustomEvent(OPEN_EVENT, { detail: text }));
}

const KEY_TERMS = 10;

/**
 * The reader panel's "Key terms": the words most particular to this
 * document, each opening a search for it. Loads after the reader shows.
 */
export async function mountKeyTerms(doc: number, panel: HTMLElement): Promise<void> {
  let terms;
  try {
    terms = await keyTerms(doc, KEY_TERMS);
  } catch {
    return; // the panel is extra: a failed lookup leaves the reader as it is
  }
  if (terms.length === 0) return;
  panel.append(
    h(
      "section",
      { class: "panel-section", testid: "key-terms" },
      h("h2", {}, "Key terms"),
      h(
        "div",
        { class: "chip-row" },
        ...terms.map((t) =>
          h(
            "button",
            { class: "chip", testid: "key-term", title: `Search the library for “${t.term}”`, onclick: () => openSearch(t.term) },
            t.term,
          ),
        ),
      ),
    ),
  );
}

// --- the reader's side: open at a paragraph, mark the words ---

/**
 * The rendered block for paragraph `index`: the engine marks each block with
 * the paragraph it starts in (`data-paragraph`, the numbering of a hit's
 * `paragraph`). A paragraph that starts inside a block (the engine's and
 * Markdown's blank lines can differ) opens at that block: the last one
 * marked before it.
 */
export function findBlock(container: ParentNode, index: number): HTMLElement | null {
  const exact = container.querySelector<HTMLElement>(`[data-paragraph="${index}"]`);
  if (exact) return exact;
  let before: HTMLElement | null = null;
  for (const block of container.querySelectorAll<HTMLElement>("[data-paragraph]")) {
    if (Number(block.dataset.paragraph) > index) break;
    before = block;
  }
  return before;
}

/** Wraps every whole-word occurrence of `terms` inside `root` in `<mark>`. */
function markWords(root: HTMLElement, terms: string[]): number {
  const wanted = new Set(terms.map((t) => t.toLowerCase()).filter(Boolean));
  if (wanted.size === 0) return 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  let count = 0;
  for (const node of nodes) {
    const text = node.data;
    const pieces: (string | HTMLElement)[] = [];
    let last = 0;
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (!wanted.has(m[0].toLowerCase())) continue;
      pieces.push(text.slice(last, m.index), h("mark", { class: "search-mark", testid: "search-mark" }, m[0]));
      last = m.index + m[0].length;
      count++;
    }
    if (pieces.length === 0) continue;
    pieces.push(text.slice(last));
    node.replaceWith(...pieces.filter((p) => p !== ""));
  }
  return count;
}

/**
 * The reader's hook: scroll to paragraph `index` of the document, flag it,
 * and mark the matched words (`hl`, space-separated) in it.
 */
/** Scrolls the text to paragraph `index` and marks it for a moment. */
export function showParagraph(container: HTMLElement, index: number): void {
  const block = findBlock(container, index);
  if (!block) return;
  block.scrollIntoView({ block: "center", behavior: "smooth" });
  block.classList.remove("paragraph-flash");
  void block.offsetWidth;
  block.classList.add("paragraph-flash");
}

export function focusParagraph(container: HTMLElement, index: number, hl: string | null): void {
  const block = findBlock(container, index);
  if (!block) return;
  block.classList.add("search-target");
  block.dataset.testid = "search-target";
  markWords(block, (hl ?? "").split(/\s+/));
  // The shell attaches the view after mounting it; scroll once it is in the page.
  window.setTimeout(() => block.scrollIntoView({ block: "center" }), 0);
}
