// A round's results (#/review/ROUND/results): the engine's ranking as a
// table (rank, rank by marks standardised per marker, entrant or "hidden"
// while blind, agreed mark, the agreed mark of each criterion, each
// marker's total, spread, shortlist and winner), its CSV export, and each
// entry's feedback sheet: a preview (engine HTML) and export as Markdown
// or HTML.

import {
  exportFeedback,
  exportResults,
  pickSavePath,
  reviewFeedback,
  reviewResults,
  type FeedbackFormat,
  type ResultRow,
  type ReviewResults,
} from "../../api";
import { h, replace, setEngineHtml } from "../../dom";
import type { Params, View } from "../../view";
import { param, roundHead, statusLine } from "./common";
import { markText } from "./scoring";

export async function mountResults(root: HTMLElement, params: Params): Promise<View> {
  const round = param(params.round);
  const results: ReviewResults = await reviewResults(round);
  document.title = `Results — ${round} — Quire`;
  const status$ = statusLine("results-status");
  const preview = h("aside", { class: "feedback-panel", testid: "feedback-panel", hidden: true });
  let open: string | null = null;

  const exportButton = h(
    "button",
    { class: "button", type: "button", testid: "export-results", onclick: () => void exportCsv() },
    "Export CSV…",
  );
  const anyMarkers = results.entries.some((e) => e.marks.length > 0);

  const table = h(
    "table",
    { class: "doc-table review-table results-table", testid: "results" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { class: "num", title: "By agreed mark; ties share a rank" }, "Rank"),
        h("th", { class: "num", title: "By the marks standardised per marker" }, "Std."),
        h("th", {}, "Entry"),
        h("th", {}, "Entrant"),
        h("th", { class: "num" }, "Agreed"),
        ...results.criteria.map((c) => h("th", { class: "num criterion-col", title: c }, c)),
        anyMarkers && h("th", { class: "num", title: "Each marker's total, first marker first" }, "Markers"),
        h("th", { class: "num" }, "Spread"),
        h("th", {}, ""),
        h("th", {}, ""),
      ),
    ),
    h("tbody", {}, ...results.entries.map(row)),
  );

  function row(e: ResultRow): HTMLElement {
    return h(
      "tr",
      { testid: "result-row", "data-code": e.code, "aria-selected": String(open === e.code), onclick: () => void showFeedback(e.code) },
      h("td", { class: "num rank", testid: "result-rank" }, e.rank === null ? "—" : String(e.rank)),
      h("td", { class: "num muted" }, e.rank_standardised === null ? "—" : String(e.rank_standardised)),
      h("td", { class: "code" }, e.code, h("span", { class: "origin result-title", title: e.title }, e.title)),
      h(
        "td",
        { testid: "result-entrant" },
        results.masked
          ? h("span", { class: "masked" }, "hidden")
          : h("span", {}, h("span", { class: "author" }, e.author ?? "—"), e.affiliation && h("span", { class: "origin" }, e.affiliation)),
      ),
      h("td", { class: "num agreed", testid: "result-agreed" }, markText(e.agreed)),
      ...results.criteria.map((c) => h("td", { class: "num" }, markText(e.criteria[c]))),
      anyMarkers &&
        h(
          "td",
          { class: "num marks-cell" },
          ...e.marks.map((m) => h("span", { class: "mark-line", title: m.marker }, h("span", { class: "mark-total" }, markText(m.total)), h("span", { class: "origin" }, m.marker))),
        ),
      h("td", { class: "num" }, markText(e.spread), e.flagged && h("span", { class: "badge limit" }, "flagged")),
      h("td", {}, e.winner ? h("span", { class: "pill", "data-tone-pill": "accent" }, "Winner") : e.shortlisted ? h("span", { class: "pill" }, "Shortlisted") : null),
      h("td", { class: "num" }, h("button", { class: "button small", type: "button", testid: "feedback-open" }, "Feedback")),
    );
  }

  async function showFeedback(code: string): Promise<void> {
    open = code;
    for (const tr of table.querySelectorAll<HTMLElement>("tbody tr")) tr.setAttribute("aria-selected", String(tr.dataset.code === code));
    const sheet = h("div", { class: "prose feedback-sheet", testid: "feedback-sheet" });
    replace(
      preview,
      h(
        "div",
        { class: "feedback-head" },
        h("h2", {}, `Feedback for ${code}`),
        h("span", { class: "spacer" }),
        h("button", { class: "button small", type: "button", testid: "feedback-markdown", onclick: () => void exportSheet(code, "markdown") }, "Export Markdown…"),
        h("button", { class: "button small", type: "button", testid: "feedback-html", onclick: () => void exportSheet(code, "html") }, "Export HTML…"),
        h("button", { class: "icon-button small", type: "button", "aria-label": "Close the feedback", onclick: () => close() }, "×"),
      ),
      sheet,
    );
    preview.hidden = false;
    try {
      setEngineHtml(sheet, await reviewFeedback(round, code));
    } catch (err) {
      replace(sheet, h("p", { class: "works-status error" }, String((err as Error).message ?? err)));
    }
    preview.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function close(): void {
    open = null;
    preview.hidden = true;
    for (const tr of table.querySelectorAll<HTMLElement>("tbody tr")) tr.setAttribute("aria-selected", "false");
  }

  async function exportCsv(): Promise<void> {
    try {
      const path = await pickSavePath(`${round} results`, "csv");
      if (!path) return;
      await exportResults(round, path);
      status$.ok(`Results written to ${path}.`);
    } catch (err) {
      status$.fail(err);
    }
  }

  async function exportSheet(code: string, format: FeedbackFormat): Promise<void> {
    try {
      const path = await pickSavePath(`${round} ${code} feedback`, format);
      if (!path) return;
      await exportFeedback(round, code, format, path);
      status$.ok(`Feedback for ${code} written to ${path}.`);
    } catch (err) {
      status$.fail(err);
    }
  }

  const ranked = results.entries.filter((e) => e.rank !== null).length;
  replace(
    root,
    roundHead(round, "results", [
      h("span", { class: "pill" }, `${ranked} of ${results.entries.length} ranked`),
      results.masked ? h("span", { class: "pill", "data-tone-pill": "accent" }, "Names hidden until revealed") : h("span", { class: "pill" }, "Names revealed"),
    ], [exportButton]),
    status$.element,
    h("div", { class: "table-scroll" }, table),
    h("p", { class: "muted small-note" }, "Click an entry for its feedback sheet: the agreed marks, the markers' overall comments and their comments on passages."),
    preview,
  );
  root.classList.add("review-wide");
  return {
    onKey(event) {
      if (event.key === "Escape" && open !== null) {
        close();
        return true;
      }
      return false;
    },
    dispose() {
      root.classList.remove("review-wide");
      document.title = "Quire";
    },
  };
}
