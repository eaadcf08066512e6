// Moderation of one entry (#/review/ROUND/moderate/CODE): the markers'
// scores side by side per criterion with their totals, the spread against
// the round's tolerance, each marker's overall comment and passage
// comments (drawn over the entry's text in the marker's colour), and the
// form that records the agreed mark with a reason. The engine decides what
// is flagged and what the agreed mark is; this screen draws its answer.

import { moderateEntry, moderationView, type MarkDetail, type ModerationView } from "../../api";
import { h, replace, setEngineHtml } from "../../dom";
import type { Params, View } from "../../view";
import { shortQuote } from "./anchor";
import { icon } from "../../icons";
import { COORDINATOR, href, param, statePill, statusLine } from "./common";
import { drawHighlights } from "./highlight";
import { beyondTolerance, fmt, markText, toleranceMarks } from "./scoring";

export async function mountModeration(root: HTMLElement, params: Params): Promise<View> {
  const round = param(params.round);
  const code = param(params.code);
  let view: ModerationView = await moderationView(round, code);
  document.title = `Moderate ${code} — Quire`;
  const status$ = statusLine("moderation-status");
  const body = h("div", { class: "prose mark-text", testid: "moderation-text" });
  root.classList.add("review-wide", "review-fit");

  function draw(): void {
    const e = view.entry;
    const tolerance = toleranceMarks(view.tolerance);
    const beyond = beyondTolerance(e.spread, view.tolerance);
    setEngineHtml(body, view.html);
    const comments = view.marks.flatMap((m) => m.comments);
    const lost = drawHighlights(body, comments, (mark, comment) => {
      mark.dataset.comment = String(comment.id);
      mark.dataset.marker = String(markerIndex(comment.marker));
      mark.title = `${comment.marker}: ${comment.text}`;
    });
    const lostIds = new Set(lost.map((c) => c.id));

    const spreadLine = h(
      "div",
      { class: `spread-line${beyond ? " beyond" : ""}`, testid: "spread" },
      h("span", { class: "spread-value" }, e.spread === null ? "Spread —" : `Spread ${fmt(e.spread)}`),
      h("span", {}, `tolerance ${fmt(tolerance)}`),
      e.flagged
        ? h("span", { class: "badge limit", testid: "moderation-flagged" }, "Flagged: the markers disagree beyond the tolerance")
        : e.needs_moderator
          ? h("span", { class: "badge limit" }, "The agreed mark is the moderator's to record")
          : h("span", { class: "muted" }, e.spread === null ? "waiting for every marker to submit" : "within tolerance"),
    );

    const sameMax = new Set(view.rubric.criteria.map((c) => c.max)).size === 1;
    const scoreTable = h(
      "table",
      { class: "compare-table", testid: "compare" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", {}, sameMax && view.rubric.criteria.length > 0 ? `Criterion (of ${fmt(view.rubric.criteria[0].max)})` : "Criterion"),
          ...view.marks.map((m, i) => h("th", { class: "num", "data-marker": i }, m.marker, h("div", { class: "th-state" }, statePill(m.state)))),
          h("th", { class: "num" }, "Gap"),
        ),
      ),
      h(
        "tbody",
        {},
        ...view.rubric.criteria.map((c) => {
          const values = view.marks.map((m) => m.scores[c.name]).filter((v): v is number => v !== undefined);
          const gap = values.length > 1 ? Math.max(...values) - Math.min(...values) : null;
          const wide = gap !== null && gap / c.max > view.tolerance + 1e-9;
          return h(
            "tr",
            {},
            h("th", { scope: "row" }, c.name, !sameMax && h("span", { class: "muted" }, ` / ${fmt(c.max)}`)),
            ...view.marks.map((m) => h("td", { class: "num" }, markText(m.scores[c.name]))),
            h("td", { class: `num gap${wide ? " wide" : ""}` }, gap === null ? "—" : fmt(gap)),
          );
        }),
      ),
      h(
        "tfoot",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "row" }, "Total (of 100)"),
          ...view.marks.map((m) => h("td", { class: "num total", testid: "compare-total" }, markText(m.total))),
          h("td", { class: `num gap${beyond ? " wide" : ""}` }, markText(e.spread)),
        ),
      ),
    );

    const overalls = h(
      "section",
      { class: "panel-section" },
      h("h2", {}, "Overall comments"),
      ...view.marks.map((m, i) =>
        h(
          "div",
          { class: "overall-quote", "data-marker": i },
          h("p", { class: "overall-by" }, m.marker),
          h("p", { class: "overall-text", testid: "overall-text" }, m.overall ?? h("span", { class: "muted" }, "No overall comment.")),
        ),
      ),
    );

    const passage = h(
      "section",
      { class: "panel-section" },
      h("h2", {}, `Comments on passages (${comments.length})`),
      comments.length === 0
        ? h("p", { class: "muted pane-hint" }, "No marker commented on a passage.")
        : h(
            "ol",
            { class: "comment-list" },
            ...view.marks.flatMap((m, i) => m.comments.map((c) =>
              h(
                "li",
                { class: "comment", "data-marker": i, "data-lost": String(lostIds.has(c.id)), testid: "moderation-comment" },
                h(
                  "button",
                  {
                    class: "comment-quote",
                    type: "button",
                    disabled: lostIds.has(c.id),
                    onclick: () => body.querySelector(`mark[data-comment="${c.id}"]`)?.scrollIntoView({ block: "center", behavior: "smooth" }),
                  },
                  lostIds.has(c.id) ? `Passage not found: “${shortQuote(c.anchor.quote)}”` : `“${shortQuote(c.anchor.quote)}”`,
                ),
                h("p", { class: "comment-text" }, h("b", {}, `${m.marker}: `), c.text),
              ),
            )),
          ),
    );

    replace(
      root,
      h(
        "div",
        { class: "mark-bar" },
        h("a", { class: "back-link", href: href.round(round, COORDINATOR), testid: "moderation-back" }, icon("back"), round),
        h(
          "div",
          { class: "mark-where" },
          h("span", { class: "marker-chip" }, `Moderating ${code} as ${COORDINATOR}`),
          h("a", { class: "button small", href: href.trail(round, code) }, "Trail"),
          h("a", { class: "button small", href: href.results(round) }, "Results"),
        ),
      ),
      h(
        "div",
        { class: "mark-layout moderation-layout" },
        h(
          "div",
          { class: "mark-scroll" },
          h(
          "article",
          { class: "reader-article mark-article" },
          h(
            "header",
            { class: "reader-head" },
            h("p", { class: "eyebrow" }, `${e.code} · Moderation`),
            h("h1", { testid: "moderation-title" }, e.title),
            e.author
              ? h("p", { class: "byline", testid: "moderation-author" }, [e.author, e.affiliation].filter(Boolean).join(" · "))
              : h("p", { class: "byline" }, h("span", { class: "masked" }, "author"), " ", h("span", { class: "muted" }, "Names are hidden while the round is blind")),
            h("p", { class: "marker-legend" }, ...view.marks.map((m, i) => h("span", { class: "legend-item", "data-marker": i }, m.marker))),
          ),
          body,
        ),
        ),
        h(
          "aside",
          { class: "mark-panel moderation-panel", testid: "moderation-panel" },
          h("section", { class: "panel-section" }, h("h2", {}, "Marks side by side"), spreadLine, scoreTable),
          agreedSection(),
          overalls,
          passage,
        ),
      ),
    );
  }

  const markerIndex = (name: string) => Math.max(0, view.marks.findIndex((m: MarkDetail) => m.marker === name));

  function agreedSection(): HTMLElement {
    const e = view.entry;
    const markInput = h("input", {
      class: "text-input",
      type: "number",
      min: 0,
      max: 100,
      step: "any",
      id: "agreed-mark",
      testid: "agreed-input",
      required: true,
      value: e.moderation ? fmt(e.moderation.mark) : "",
    });
    const reason = h("textarea", {
      class: "text-input",
      id: "agreed-reason",
      rows: 3,
      testid: "agreed-reason",
      required: true,
      placeholder: "Why this mark: what the markers weighed differently and how it was settled",
    });
    reason.value = e.moderation?.reason ?? "";
    const form = h(
      "form",
      {
        class: "agreed-form",
        testid: "agreed-form",
        onsubmit: async (event: SubmitEvent) => {
          event.preventDefault();
          const mark = Number(markInput.value);
          if (markInput.value.trim() === "" || !Number.isFinite(mark)) return markInput.focus();
          if (!reason.value.trim()) return reason.focus();
          try {
            view = await moderateEntry(round, code, Math.min(100, Math.max(0, mark)), reason.value.trim(), COORDINATOR);
            draw();
            status$.ok(`Agreed mark recorded: ${markText(view.entry.agreed)}.`);
          } catch (err) {
            status$.fail(err);
          }
        },
      },
      h(
        "div",
        { class: "agreed-fields" },
        h("label", { class: "field", for: "agreed-mark" }, "Agreed mark (0–100)", markInput),
        h("label", { class: "field grow", for: "agreed-reason" }, "Reason", reason),
      ),
      h(
        "div",
        { class: "form-actions" },
        status$.element,
        e.moderation &&
          h(
            "button",
            {
              class: "button",
              type: "button",
              testid: "withdraw-moderation",
              onclick: async () => {
                try {
                  view = await moderateEntry(round, code, null, "", COORDINATOR);
                  draw();
                  status$.ok("Moderation withdrawn; the rule decides the agreed mark again.");
                } catch (err) {
                  status$.fail(err);
                }
              },
            },
            "Withdraw",
          ),
        h("button", { class: "button primary", type: "submit", testid: "agreed-save" }, e.moderation ? "Update" : "Record agreed mark"),
      ),
    );
    return h(
      "section",
      { class: "panel-section agreed-section", testid: "agreed-section" },
      h("h2", {}, "Agreed mark"),
      h(
        "div",
        { class: "agreed-now" },
        h("span", { class: `total-value${e.agreed === null ? " none" : ""}`, testid: "moderation-agreed" }, markText(e.agreed)),
        h(
          "span",
          { class: "muted" },
          e.moderation
            ? `set by ${e.moderation.by}: “${e.moderation.reason}”`
            : e.agreed === null
              ? "not agreed yet"
              : `by the round's rule (${view.rule})`,
        ),
      ),
      form,
      h("p", { class: "muted small-note" }, h("a", { href: href.trail(round, code) }, "This entry's trail"), " · ", h("a", { href: href.round(round, COORDINATOR) }, "All entries")),
    );
  }

  draw();
  window.scrollTo(0, 0);
  return {
    dispose() {
      root.classList.remove("review-wide", "review-fit");
      document.title = "Quire";
    },
  };
}
