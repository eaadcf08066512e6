// The reader: one document, its metadata, its body and its reference list.
// The body HTML comes from the engine (pulldown-cmark, then ammonia) and goes
// in through `setEngineHtml`; everything else is set as text.

import { essayInsights, getDocument, type ReaderDoc } from "../api";
import { h, replace, setEngineHtml } from "../dom";
import { limitBadge, limitRange, plural } from "../format";
import { icon } from "../icons";
import type { Params, View } from "../view";
import { mountAudit } from "./audit";
import { essayInsightsPanel, type EssayPanel } from "./insights/essay";
import { focusParagraph, mountKeyTerms, showParagraph } from "./search";

export async function mountReader(root: HTMLElement, params: Params): Promise<View> {
  const doc = await getDocument(Number(params.id));
  document.title = `${doc.title} — Quire`;

  const body = h("div", { class: "prose", testid: "reader-body" });
  setEngineHtml(body, doc.html);
  body.addEventListener("click", followLink);

  const article = h(
    "article",
    { class: "reader-article", testid: "reader" },
    header(doc),
    body,
    doc.references.length > 0 &&
      h(
        "section",
        { class: "references", testid: "reader-references", "aria-labelledby": "refs-title" },
        h("h2", { id: "refs-title" }, "References"),
        h("ol", {}, ...doc.references.map((r) => h("li", {}, r))),
      ),
  );

  // The side panel: document details now; later features (citation audit,
  // themes) add their sections here.
  const panel = h("aside", { class: "reader-panel", testid: "reader-panel", "data-slot": "reader-panel" }, details(doc));

  const back = h(
    "a",
    { class: "back-link", href: "#/library", testid: "back", onclick: (e: Event) => goBack(e) },
    icon("back"),
    "Library",
  );
  replace(root, h("div", { class: "reader-bar" }, back), h("div", { class: "reader-layout" }, article, panel));
  window.scrollTo(0, 0);
  const audit = mountAudit(doc.id, root);
  void mountKeyTerms(doc.id, panel);
  let insights: EssayPanel | undefined;
  let disposed = false;
  void essayInsights(doc.id).then((e) => {
    if (disposed) return;
    insights = essayInsightsPanel(e, (index) => showParagraph(body, index));
    panel.append(h("section", { class: "panel-section" }, h("h2", {}, "Insights"), insights.element));
  });
  // Opened from a search hit or a theme: `#/doc/ID/p/N?hl=words`.
  if (params.paragraph !== undefined) {
    focusParagraph(body, Number(params.paragraph), new URLSearchParams(params.query ?? "").get("hl"));
  }

  return {
    onKey(event) {
      if (audit.onKey(event)) return true;
      switch (event.key) {
        case "Escape":
        case "Backspace":
          goBack();
          return true;
        case "j":
          window.scrollBy({ top: 96 });
          return true;
        case "k":
          window.scrollBy({ top: -96 });
          return true;
        default:
          return false;
      }
    },
    dispose() {
      disposed = true;
      insights?.dispose();
      audit.dispose();
      document.title = "Quire";
    },
  };
}

function goBack(event?: Event): void {
  event?.preventDefault();
  location.hash = "#/library";
}

function header(doc: ReaderDoc): HTMLElement {
  const range = limitRange(doc.min_words, doc.max_words);
  const badge = limitBadge(doc.limit_flag, doc.min_words, doc.max_words);
  const byline = [doc.author, doc.affiliation].filter(Boolean).join(" · ");
  return h(
    "header",
    { class: "reader-head" },
    h("p", { class: "eyebrow" }, doc.kind === "essay" ? "Essay" : "Source", doc.collection && ` · ${doc.collection}`),
    h("h1", { testid: "reader-title" }, doc.title),
    byline && h("p", { class: "byline", testid: "reader-byline" }, byline),
    h(
      "p",
      { class: "wordline", testid: "reader-words" },
      h("span", {}, plural(doc.word_count, "word")),
      range && h("span", { class: "muted" }, ` · limit ${range}`),
      badge && h("span", { class: "badge limit", testid: "limit-badge" }, badge),
    ),
    doc.duplicate_of !== null &&
      h(
        "p",
        { class: "notice", testid: "duplicate-notice" },
        "A near-copy of ",
        h("a", { href: `#/doc/${doc.duplicate_of}` }, `#${doc.duplicate_of}`),
        "; its words are not counted twice.",
      ),
  );
}

function details(doc: ReaderDoc): HTMLElement {
  const rows: [string, Node | string][] = [
    ["Document", `#${doc.id}`],
    ["From file", doc.origin],
  ];
  if (doc.work !== null) {
    rows.push(["Work", h("a", { href: `#/works/${doc.work}`, testid: "reader-work" }, `#${doc.work}`)]);
  }
  if (doc.year !== null) rows.push(["Year", String(doc.year)]);
  if (doc.collection) rows.push(["Collection", doc.collection]);
  if (doc.duplicates.length > 0) {
    rows.push([
      "Copies",
      h("span", {}, ...doc.duplicates.flatMap((id, i) => [i > 0 ? ", " : null, h("a", { href: `#/doc/${id}` }, `#${id}`)])),
    ]);
  }
  rows.push(["Fingerprint", h("code", { title: doc.content_hash }, doc.content_hash.slice(0, 12))]);
  return h(
    "section",
    { class: "panel-section" },
    h("h2", {}, "Details"),
    h("dl", {}, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
  );
}

/**
 * Links in a document must not navigate the app's window. In-page anchors
 * scroll; anything else is left for the reader to copy from the tooltip.
 */
function followLink(event: MouseEvent): void {
  const link = (event.target as HTMLElement).closest("a");
  if (!link) return;
  event.preventDefault();
  const href = link.getAttribute("href") ?? "";
  if (href.startsWith("#")) document.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
  else if (href) link.title = href;
}
