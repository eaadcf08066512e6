// The marking screen (#/review/ROUND/mark/CODE/MARKER): one marker and one
// entry. The entry's text on the left (engine HTML: citations, masked names
// while blind), with the marker's comments drawn over it; on the right the
// rubric (level bands that set a score, a number clamped to 0..max), the
// running total, the overall comment, the marker's comments and the
// citation audit's findings, and Save / Submit. Selecting a passage offers
// a comment on it. What is saved is what the engine sends back: after every
// save the screen draws the returned MarkView; the total shown while typing
// is a preview until then.

import {
  addBankComment,
  addReviewComment,
  commentBank,
  editReviewComment,
  entryInsights,
  markView,
  reopenMark,
  roundStatus,
  saveMark,
  type Anchor,
  type BankComment,
  type Finding,
  type IssueKind,
  type MarkInput,
  type MarkView,
  type ReviewComment,
  type RubricCriterion,
} from "../../api";
import { kindLabel, tone } from "../../citations";
import { h, replace, setEngineHtml } from "../../dom";
import { limitRange, plural } from "../../format";
import { icon } from "../../icons";
import type { Params, View } from "../../view";
import { essayInsightsPanel, type EssayPanel } from "../insights/essay";
import { showParagraph } from "../search";
import { shortQuote } from "./anchor";
import { href, param, setActingAs, statePill, statusLine } from "./common";
import { citationAnchor, drawHighlights, selectionAnchor } from "./highlight";
import {
  bandRange,
  bandScore,
  clampScore,
  fmt,
  levelIndex,
  markText,
  previewTotal,
  progressText,
  scoredCount,
  weightShare,
  wordStatus,
} from "./scoring";

type PanelTab = "rubric" | "comments" | "audit" | "insights";

/** Kept across entries so the marker stays on the tab they use. */
let panelTab: PanelTab = "rubric";

export async function mountMarking(root: HTMLElement, params: Params): Promise<View> {
  const round = param(params.round);
  const code = param(params.code);
  const marker = param(params.marker);
  const [first, status, bankList] = await Promise.all([
    markView(round, code, marker),
    roundStatus(round),
    commentBank().catch(() => [] as BankComment[]),
  ]);
  setActingAs(round, marker);
  document.title = `${code} — ${marker} — Quire`;

  let view: MarkView = first;
  let bank: BankComment[] = bankList;
  /** Scores changed here and not yet saved, by criterion (null: cleared). */
  let draft: Record<string, number | null> = {};
  let overallDraft: string | null = null;
  let saving = false;
  let focusComment: number | null = null;
  const progress = status.markers.find((m) => m.name === marker);
  const progressLine = h("span", { class: "muted", testid: "mark-progress" }, progress ? progressText(progress.submitted, progress.allocated) : "");
  /** The marker's progress afresh, after a submission or a reopening. */
  const refreshProgress = () =>
    roundStatus(round)
      .then((r) => {
        const me = r.markers.find((m) => m.name === marker);
        if (me) progressLine.textContent = progressText(me.submitted, me.allocated);
      })
      .catch(() => undefined);
  /** The comment bank's pickers, refilled when the bank changes. */
  const pickers: (() => void)[] = [];

  const readOnly = () => view.state === "submitted";
  const dirty = () => Object.keys(draft).length > 0 || overallDraft !== null;
  const scoreOf = (c: RubricCriterion): number | null => (c.name in draft ? draft[c.name] : view.scores[c.name] ?? null);
  const currentScores = () => Object.fromEntries(view.rubric.criteria.map((c) => [c.name, scoreOf(c)]));

  // ---- the text ----------------------------------------------------------

  const body = h("div", { class: "prose mark-text", testid: "mark-text" });
  const article = h("article", { class: "reader-article mark-article", testid: "mark-article" });

  // ---- the panel ---------------------------------------------------------

  const totalValue = h("span", { class: "total-value", testid: "mark-total" });
  const totalNote = h("span", { class: "total-note", testid: "mark-total-note" });
  const savedTotal = h("span", { class: "total-saved", testid: "mark-saved-total" });
  const stateSlot = h("span", { class: "state-slot" });
  const totalCard = h(
    "section",
    { class: "total-card", testid: "total-card" },
    h("div", { class: "total-main" }, h("span", { class: "total-label" }, "Total"), totalValue, h("span", { class: "total-of" }, "/ 100")),
    h("div", { class: "total-side" }, stateSlot, totalNote, savedTotal),
  );
  const banner = h("div", { class: "mark-banner", testid: "mark-banner", hidden: true });

  const tabButtons: Record<PanelTab, HTMLButtonElement> = {
    rubric: tabButton("rubric", "Rubric"),
    comments: tabButton("comments", "Comments"),
    audit: tabButton("audit", "Audit"),
    insights: tabButton("insights", "Insights"),
  };
  const rubricPane = h("div", { class: "panel-pane", testid: "rubric-pane", role: "tabpanel" });
  const commentsPane = h("div", { class: "panel-pane", testid: "comments-pane", role: "tabpanel" });
  const auditPane = h("div", { class: "panel-pane", testid: "audit-pane", role: "tabpanel" });
  const insightsPane = h("div", { class: "panel-pane", testid: "insights-pane", role: "tabpanel" });
  const panes: Record<PanelTab, HTMLElement> = { rubric: rubricPane, comments: commentsPane, audit: auditPane, insights: insightsPane };

  const overallBox = h("textarea", {
    class: "text-input overall-input",
    testid: "overall-comment",
    rows: 5,
    placeholder: "What the entrant did well, and what would make the essay stronger…",
    "aria-label": "Overall comment",
    oninput: () => {
      overallDraft = overallBox.value;
      drawTotal();
    },
  });
  const overallBank = bankPicker((text) => {
    overallBox.value = overallBox.value.trim() ? `${overallBox.value.trimEnd()}\n\n${text}` : text;
    overallDraft = overallBox.value;
    drawTotal();
    overallBox.focus();
  });

  const status$ = statusLine("mark-status");
  const saveButton = h("button", { class: "button", type: "button", testid: "mark-save", title: "Save (Ctrl+S)", onclick: () => void save(false) }, "Save");
  const submitButton = h(
    "button",
    { class: "button primary", type: "button", testid: "mark-submit", onclick: () => void save(true) },
    "Submit marking",
  );
  const actions = h("div", { class: "mark-actions" }, status$.element, h("div", { class: "mark-buttons" }, saveButton, submitButton));

  const panel = h(
    "aside",
    { class: "mark-panel", testid: "mark-panel" },
    totalCard,
    banner,
    h("div", { class: "panel-tabs", role: "tablist" }, tabButtons.rubric, tabButtons.comments, tabButtons.audit, tabButtons.insights),
    rubricPane,
    commentsPane,
    auditPane,
    insightsPane,
    actions,
  );

  function tabButton(id: PanelTab, label: string): HTMLButtonElement {
    return h("button", { class: "panel-tab", type: "button", role: "tab", testid: `panel-tab-${id}`, onclick: () => showTab(id) }, label);
  }

  function showTab(id: PanelTab): void {
    panelTab = id;
    if (id === "insights") void drawInsights();
    for (const [key, button] of Object.entries(tabButtons) as [PanelTab, HTMLButtonElement][]) {
      button.setAttribute("aria-selected", String(key === id));
      panes[key].hidden = key !== id;
    }
  }

  // ---- the bar -----------------------------------------------------------

  const bar = h(
    "div",
    { class: "mark-bar" },
    h("a", { class: "back-link", href: href.round(round, marker), testid: "mark-back" }, icon("back"), round),
    h(
      "div",
      { class: "mark-where" },
      h("span", { class: "marker-chip", testid: "mark-marker" }, `Marking as ${marker}`),
      progressLine,
    ),
    h(
      "div",
      { class: "mark-nav" },
      h(
        "button",
        { class: "button small", type: "button", testid: "mark-previous", title: "Previous entry ([)", disabled: view.previous === null, onclick: () => void go(view.previous) },
        "← Previous",
      ),
      h(
        "button",
        { class: "button small", type: "button", testid: "mark-next", title: "Next entry (])", disabled: view.next === null, onclick: () => void go(view.next) },
        "Next →",
      ),
    ),
  );

  const scroller = h("div", { class: "mark-scroll", testid: "mark-scroll" }, article);
  replace(root, bar, h("div", { class: "mark-layout" }, scroller, panel));
  root.classList.add("review-wide", "review-fit");

  // ---- drawing -----------------------------------------------------------

  function draw(): void {
    drawArticle();
    drawRubric();
    drawComments();
    drawAudit();
    drawState();
    drawTotal();
    showTab(panelTab);
  }

  function drawArticle(): void {
    const range = limitRange(view.min_words, view.max_words);
    const words = wordStatus(view.word_count, view.min_words, view.max_words);
    const byline = view.masked
      ? h("p", { class: "byline" }, h("span", { class: "masked", testid: "mark-masked" }, "author"), " ", h("span", { class: "muted" }, "Names are hidden while the round is blind"))
      : h("p", { class: "byline", testid: "mark-byline" }, [view.author, view.affiliation].filter(Boolean).join(" · "));
    setEngineHtml(body, view.html);
    replace(
      article,
      h(
        "header",
        { class: "reader-head" },
        h("p", { class: "eyebrow" }, h("span", { testid: "mark-code" }, view.code), ` · ${view.round}`),
        h("h1", { testid: "mark-title" }, view.title),
        byline,
        h(
          "p",
          { class: "wordline", testid: "mark-words", "data-words": words },
          view.word_count === null ? "Word count unknown" : plural(view.word_count, "word"),
          range && h("span", { class: "muted" }, ` · limit ${range}`),
          words === "under" && h("span", { class: "badge limit" }, `under ${view.min_words}`),
          words === "over" && h("span", { class: "badge limit" }, `over ${view.max_words}`),
        ),
      ),
      body,
    );
    drawHighlightsNow();
  }

  /** Draws the comments over the text; returns those whose passage is gone. */
  let lost: ReviewComment[] = [];
  function drawHighlightsNow(): void {
    lost = drawHighlights(body, view.comments, (mark, comment) => {
      mark.dataset.comment = String(comment.id);
      mark.dataset.testid = "comment-mark";
      if (comment.finding) mark.dataset.finding = comment.finding;
      mark.title = comment.text;
      if (comment.id === focusComment) mark.classList.add("current");
    });
  }

  function drawState(): void {
    replace(stateSlot, statePill(view.state));
    const locked = readOnly();
    banner.hidden = !locked;
    if (locked) {
      replace(
        banner,
        h("p", {}, h("b", {}, "Submitted."), " This marking is read-only; reopen it to change scores or comments."),
        h("button", { class: "button small", type: "button", testid: "mark-reopen", onclick: () => void reopen() }, "Reopen"),
      );
    }
    overallBox.disabled = locked;
    actions.hidden = locked;
    panel.classList.toggle("locked", locked);
  }

  function drawTotal(): void {
    const scores = currentScores();
    const done = scoredCount(view.rubric, scores);
    const all = view.rubric.criteria.length;
    const preview = previewTotal(view.rubric, scores);
    totalValue.textContent = markText(dirty() ? preview : view.total);
    totalValue.classList.toggle("preview", dirty());
    totalValue.classList.toggle("none", totalValue.textContent === "—");
    totalNote.textContent = done === all ? "every criterion scored" : `${done} of ${all} criteria scored`;
    savedTotal.textContent = dirty() ? (view.total === null ? "unsaved changes" : `saved ${fmt(view.total)} · unsaved changes`) : view.total === null ? "" : "saved";
    savedTotal.classList.toggle("unsaved", dirty());
    saveButton.disabled = saving || !dirty();
    submitButton.disabled = saving || done < all;
    submitButton.title = done < all ? "Score every criterion to submit" : "Submit the marking (it becomes read-only)";
    replace(tabButtons.comments, "Comments", count(view.comments.length));
    replace(tabButtons.audit, "Audit", count(view.findings.length));
  }

  const count = (n: number) => (n > 0 ? h("span", { class: "tab-count" }, String(n)) : null);

  function drawRubric(): void {
    const locked = readOnly();
    replace(
      rubricPane,
      h(
        "ol",
        { class: "criteria", testid: "criteria" },
        ...view.rubric.criteria.map((c, i) => criterionCard(c, i, locked)),
      ),
      h(
        "section",
        { class: "overall" },
        h("div", { class: "section-head" }, h("h2", {}, h("label", { for: "overall-comment" }, "Overall comment")), !locked && overallBank),
        overallBox,
      ),
    );
    overallBox.id = "overall-comment";
    overallBox.value = overallDraft ?? view.overall ?? "";
  }

  /** Redraws a criterion's band, number and descriptor after its score changed. */
  const updaters = new Map<string, () => void>();

  function criterionCard(c: RubricCriterion, index: number, locked: boolean): HTMLElement {
    let current = levelIndex(c, scoreOf(c));
    const descriptor = h("p", { class: "band-descriptor", testid: "band-descriptor" });
    const describe = (i: number) => {
      const level = c.levels[i];
      descriptor.textContent = level ? level.descriptor : "Pick a band, or type a score.";
      descriptor.classList.toggle("chosen", i === current && i >= 0);
    };
    const input = h("input", {
      class: "text-input score-input",
      type: "number",
      min: 0,
      max: c.max,
      step: "any",
      inputmode: "decimal",
      testid: "score-input",
      "aria-label": `${c.name}, score out of ${fmt(c.max)}`,
      disabled: locked,
      onchange: () => setScore(c, input.value, true),
      oninput: () => setScore(c, input.value, false),
      onkeydown: (event: KeyboardEvent) => {
        if (event.key === "Enter") setScore(c, input.value, true);
      },
    });
    const bands = c.levels.map((level, i) =>
      h(
        "button",
        {
          class: "band",
          type: "button",
          testid: "band",
          "data-level": i,
          title: level.descriptor,
          disabled: locked,
          onclick: () => setScore(c, String(bandScore(level, scoreOf(c))), true),
          onmouseenter: () => describe(i),
          onmouseleave: () => describe(current),
          onfocus: () => describe(i),
          onblur: () => describe(current),
        },
        bandRange(level),
      ),
    );
    const card = h(
      "li",
      { class: "criterion", testid: "criterion", "data-criterion": c.name },
      h(
        "div",
        { class: "criterion-head" },
        h("span", { class: "criterion-index" }, String(index + 1)),
        h("span", { class: "criterion-name" }, c.name),
        h("span", { class: "criterion-weight", title: "Share of the total" }, weightShare(view.rubric, c)),
        h("label", { class: "score-box" }, input, h("span", { class: "score-max" }, `/ ${fmt(c.max)}`)),
      ),
      bands.length > 0 && h("div", { class: "bands", role: "group", "aria-label": `${c.name} levels` }, ...bands),
      c.levels.length > 0 && descriptor,
    );
    /** `typing`: leave the number as the marker is typing it. */
    const update = (typing = false) => {
      const score = scoreOf(c);
      current = levelIndex(c, score);
      if (!typing) input.value = score === null ? "" : fmt(score);
      bands.forEach((b, i) => b.setAttribute("aria-pressed", String(i === current)));
      card.dataset.scored = String(score !== null);
      card.dataset.changed = String(c.name in draft);
      describe(current);
    };
    updaters.set(c.name, () => update(document.activeElement === input));
    update();
    return card;
  }

  /** A score typed or picked: clamped, kept as a draft, the card and total redrawn. */
  function setScore(c: RubricCriterion, raw: string, settle: boolean): void {
    if (readOnly()) return;
    const value = clampScore(raw, c.max);
    const saved = view.scores[c.name] ?? null;
    if (value === saved) delete draft[c.name];
    else draft[c.name] = value;
    if (settle) {
      // The number shows the clamped score once the marker is done with it.
      const input = rubricPane.querySelector<HTMLInputElement>(`[data-criterion="${CSS.escape(c.name)}"] input`);
      if (input) input.value = value === null ? "" : fmt(value);
    }
    updaters.get(c.name)?.();
    drawTotal();
  }

  function drawComments(): void {
    const locked = readOnly();
    const lostIds = new Set(lost.map((c) => c.id));
    const placed = view.comments.filter((c) => !lostIds.has(c.id));
    replace(
      commentsPane,
      view.comments.length === 0
        ? h(
            "p",
            { class: "muted pane-hint", testid: "comments-empty" },
            locked ? "No comments on passages." : "Select a passage in the text to comment on it, or add an audit finding as a comment.",
          )
        : h("ol", { class: "comment-list", testid: "comment-list" }, ...placed.map((c) => commentItem(c, false, locked))),
      lost.length > 0 &&
        h(
          "section",
          { class: "lost-comments", testid: "lost-comments" },
          h("h3", {}, "Passage not found"),
          h("p", { class: "muted" }, "The text these comments quote is no longer where it was. They are kept here."),
          h("ol", { class: "comment-list" }, ...lost.map((c) => commentItem(c, true, locked))),
        ),
    );
  }

  function commentItem(comment: ReviewComment, isLost: boolean, locked: boolean): HTMLElement {
    const item = h("li", {
      class: "comment",
      testid: "comment",
      "data-comment": comment.id,
      "data-lost": String(isLost),
      "aria-current": comment.id === focusComment ? "true" : null,
    });
    const show = () =>
      replace(
        item,
        h(
          "button",
          { class: "comment-quote", type: "button", testid: "comment-quote", disabled: isLost, title: isLost ? "Passage not found" : "Show in the text", onclick: () => jumpTo(comment.id) },
          `“${shortQuote(comment.anchor.quote)}”`,
        ),
        h("p", { class: "comment-text", testid: "comment-text" }, comment.text),
        h(
          "div",
          { class: "comment-foot" },
          comment.finding && h("span", { class: "pill", "data-tone": tone(comment.finding as IssueKind) }, kindLabel(comment.finding as IssueKind)),
          h("span", { class: "spacer" }),
          !locked && h("button", { class: "link-button", type: "button", onclick: () => edit() }, "Edit"),
          !locked && h("button", { class: "link-button danger", type: "button", testid: "comment-delete", onclick: () => void remove() }, "Delete"),
          !bank.some((b) => b.text === comment.text) &&
            h("button", { class: "link-button", type: "button", title: "Keep this text for other entries", onclick: () => void toBank(comment.text) }, "Save to bank"),
        ),
      );
    const edit = () => {
      const box = h("textarea", { class: "text-input", rows: 3, "aria-label": "Comment" });
      box.value = comment.text;
      replace(
        item,
        h("p", { class: "comment-quote static" }, `“${shortQuote(comment.anchor.quote)}”`),
        box,
        h(
          "div",
          { class: "comment-foot" },
          h("span", { class: "spacer" }),
          h("button", { class: "button small", type: "button", onclick: show }, "Cancel"),
          h(
            "button",
            {
              class: "button small primary",
              type: "button",
              onclick: async () => {
                try {
                  await editReviewComment(round, comment.id, box.value, marker);
                  comment.text = box.value.trim();
                  status$.ok("Comment changed.");
                  drawHighlightsNow();
                  show();
                } catch (err) {
                  status$.fail(err);
                }
              },
            },
            "Save comment",
          ),
        ),
      );
      box.focus();
    };
    const remove = async () => {
      try {
        await editReviewComment(round, comment.id, null, marker);
        view.comments = view.comments.filter((c) => c.id !== comment.id);
        status$.ok("Comment deleted.");
        drawHighlightsNow();
        drawComments();
        drawTotal();
      } catch (err) {
        status$.fail(err);
      }
    };
    show();
    return item;
  }

  async function toBank(text: string): Promise<void> {
    try {
      const added = await addBankComment(text, null);
      bank = [...bank, added];
      status$.ok("Saved to the comment bank.");
      drawComments();
      refreshPickers();
    } catch (err) {
      status$.fail(err);
    }
  }

  /** The entry's insights, drawn the first time the tab is opened (its figures never change while marking). */
  let insights: EssayPanel | undefined;
  async function drawInsights(): Promise<void> {
    if (insights) return;
    const e = await entryInsights(round, code);
    if (insights) return;
    insights = essayInsightsPanel(e, (index) => showParagraph(body, index));
    replace(insightsPane, insights.element);
  }

  function drawAudit(): void {
    const locked = readOnly();
    replace(
      auditPane,
      view.findings.length === 0
        ? h("p", { class: "muted pane-hint", testid: "findings-empty" }, "The citation audit found nothing to comment on.")
        : h(
            "ol",
            { class: "finding-list", testid: "findings" },
            ...view.findings.map((f) => {
              const added = view.comments.some((c) => c.finding === f.kind && c.text === f.message);
              return h(
                "li",
                { class: "finding", testid: "finding", "data-kind": f.kind, "data-tone": tone(f.kind as IssueKind), "data-citation": f.citation ?? null },
                h("span", { class: "issue-kind" }, kindLabel(f.kind as IssueKind)),
                h(
                  "button",
                  { class: "finding-message", type: "button", title: "Show in the text", onclick: () => showCitation(f) },
                  f.message,
                ),
                h(
                  "div",
                  { class: "comment-foot" },
                  f.citation !== null && h("span", { class: "muted" }, `“${shortQuote(f.anchor.quote, 50)}”`),
                  h("span", { class: "spacer" }),
                  added
                    ? h("span", { class: "added", testid: "finding-added" }, "Added ✓")
                    : !locked &&
                        h("button", { class: "button small", type: "button", testid: "finding-add", onclick: () => void addFinding(f) }, "Add as comment"),
                ),
              );
            }),
          ),
    );
  }

  function showCitation(f: Finding): void {
    const span = f.citation === null ? null : body.querySelector<HTMLElement>(`.cite[data-cite="${f.citation}"]`);
    if (span) {
      span.scrollIntoView({ block: "center", behavior: "smooth" });
      flash(span);
    }
  }

  async function addFinding(f: Finding): Promise<void> {
    const anchor = (f.citation !== null && citationAnchor(body, f.citation)) || f.anchor;
    await addComment(anchor, f.message, f.kind);
  }

  async function addComment(anchor: Anchor, text: string, finding: string | null): Promise<boolean> {
    try {
      const comment = await addReviewComment(round, code, marker, { anchor, text, finding });
      view.comments = [...view.comments, comment];
      focusComment = comment.id;
      drawHighlightsNow();
      drawComments();
      drawAudit();
      drawTotal();
      status$.ok("Comment added.");
      return true;
    } catch (err) {
      status$.fail(err);
      return false;
    }
  }

  function jumpTo(id: number): void {
    focusComment = id;
    const marks = [...body.querySelectorAll<HTMLElement>(`mark.comment-mark[data-comment="${id}"]`)];
    body.querySelectorAll("mark.comment-mark.current").forEach((m) => m.classList.remove("current"));
    marks.forEach((m) => m.classList.add("current"));
    marks[0]?.scrollIntoView({ block: "center", behavior: "smooth" });
    marks.forEach(flash);
    for (const li of commentsPane.querySelectorAll<HTMLElement>("li.comment")) {
      li.setAttribute("aria-current", String(li.dataset.comment === String(id)));
    }
  }

  /** Clicking a highlight focuses its comment in the panel. */
  body.addEventListener("click", (event) => {
    const mark = (event.target as Element).closest<HTMLElement>("mark.comment-mark");
    if (!mark || !window.getSelection()?.isCollapsed) return;
    const id = Number(mark.dataset.comment);
    showTab("comments");
    jumpTo(id);
    const li = commentsPane.querySelector<HTMLElement>(`li.comment[data-comment="${id}"]`);
    li?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    if (li) flash(li);
  });

  // ---- the comment popover ----------------------------------------------

  const popover = h("div", { class: "comment-popover", testid: "comment-popover", hidden: true });
  let pending: Anchor | null = null;

  function offerComment(): void {
    if (readOnly()) return;
    const picked = selectionAnchor(body);
    if (!picked) {
      if (!popover.contains(document.activeElement)) hidePopover();
      return;
    }
    pending = picked.anchor;
    replace(
      popover,
      h("button", { class: "button small primary", type: "button", testid: "comment-start", onclick: () => openComposer() }, "Comment", h("kbd", {}, "c")),
    );
    place(picked.rect);
  }

  function openComposer(): void {
    if (!pending) return;
    const anchor = pending;
    const box = h("textarea", {
      class: "text-input",
      rows: 3,
      testid: "comment-input",
      placeholder: "Your comment on this passage",
      "aria-label": "Comment on the selected passage",
      onkeydown: (event: KeyboardEvent) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void submit();
        } else if (event.key === "Escape") {
          event.stopPropagation();
          hidePopover();
        }
      },
    });
    const submit = async () => {
      if (!box.value.trim()) return box.focus();
      if (await addComment(anchor, box.value, null)) {
        hidePopover();
        window.getSelection()?.removeAllRanges();
        showTab("comments");
      }
    };
    replace(
      popover,
      h("p", { class: "popover-quote" }, `“${shortQuote(anchor.quote, 120)}”`),
      box,
      h(
        "div",
        { class: "popover-actions" },
        bankPicker((text) => {
          box.value = box.value.trim() ? `${box.value.trimEnd()} ${text}` : text;
          box.focus();
        }),
        h("span", { class: "spacer" }),
        h("button", { class: "button small", type: "button", onclick: () => hidePopover() }, "Cancel"),
        h("button", { class: "button small primary", type: "button", testid: "comment-add", title: "Add (Ctrl+Enter)", onclick: () => void submit() }, "Add comment"),
      ),
    );
    popover.classList.add("composing");
    box.focus();
  }

  function place(rect: DOMRect): void {
    popover.classList.remove("composing");
    popover.hidden = false;
    const width = Math.min(360, window.innerWidth - 24);
    popover.style.maxWidth = `${width}px`;
    const left = Math.max(12, Math.min(rect.left, window.innerWidth - width - 12));
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${rect.bottom + 8 + window.scrollY}px`;
  }

  function hidePopover(): void {
    popover.hidden = true;
    pending = null;
  }

  const onMouseUp = (event: MouseEvent) => {
    if (popover.contains(event.target as Node)) return;
    // After the click has collapsed or made the selection.
    window.setTimeout(offerComment, 0);
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.shiftKey && event.key.startsWith("Arrow")) offerComment();
  };
  const onMouseDown = (event: MouseEvent) => {
    if (!popover.hidden && !popover.contains(event.target as Node) && popover.classList.contains("composing")) hidePopover();
  };
  body.addEventListener("mouseup", onMouseUp);
  scroller.addEventListener("scroll", () => {
    if (!popover.hidden && !popover.classList.contains("composing")) hidePopover();
  });
  document.addEventListener("keyup", onKeyUp);
  document.addEventListener("mousedown", onMouseDown);
  document.body.append(popover);

  // ---- the comment bank ---------------------------------------------------

  /** A select of the bank's comments; choosing one hands its text to `use`. */
  function bankPicker(use: (text: string) => void): HTMLElement {
    const select = h("select", { class: "select small bank-picker", testid: "bank-picker", "aria-label": "Insert from the comment bank" });
    const fill = () => {
      const groups = new Map<string, BankComment[]>();
      for (const b of bank) groups.set(b.category ?? "", [...(groups.get(b.category ?? "") ?? []), b]);
      replace(
        select,
        h("option", { value: "" }, bank.length === 0 ? "Comment bank is empty" : "Insert from bank…"),
        ...[...groups].map(([category, items]) => {
          const options = items.map((b) => h("option", { value: String(b.id), title: b.text }, shortQuote(b.text, 60)));
          return category ? h("optgroup", { label: category }, ...options) : options;
        }).flat(),
      );
      select.disabled = bank.length === 0;
    };
    select.addEventListener("change", () => {
      const chosen = bank.find((b) => String(b.id) === select.value);
      select.value = "";
      if (chosen) use(chosen.text);
    });
    fill();
    pickers.push(fill);
    return select;
  }

  function refreshPickers(): void {
    pickers.forEach((fill) => fill());
  }

  // ---- saving ------------------------------------------------------------

  async function save(submit: boolean): Promise<boolean> {
    if (saving || readOnly()) return false;
    if (!dirty() && !submit) return true;
    saving = true;
    drawTotal();
    const input: MarkInput = { scores: { ...draft }, overall: overallDraft, submit };
    try {
      view = await saveMark(round, code, marker, input);
      draft = {};
      overallDraft = null;
      status$.ok(submit ? `Submitted. Total ${markText(view.total)}.` : "Saved.");
      saving = false;
      draw();
      if (submit) void refreshProgress();
      return true;
    } catch (err) {
      saving = false;
      status$.fail(err);
      drawTotal();
      return false;
    }
  }

  async function reopen(): Promise<void> {
    try {
      await reopenMark(round, code, marker, marker);
      view = await markView(round, code, marker);
      status$.ok("Reopened: the marking can be changed again.");
      draw();
      void refreshProgress();
    } catch (err) {
      status$.fail(err);
      banner.append(status$.element);
    }
  }

  async function go(to: string | null): Promise<void> {
    if (to === null) return;
    if (dirty() && !(await save(false))) return;
    location.hash = href.mark(round, to, marker);
  }

  const onCtrlS = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      void save(false);
    }
  };
  document.addEventListener("keydown", onCtrlS);
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (dirty()) event.preventDefault();
  };
  window.addEventListener("beforeunload", beforeUnload);

  // A marking not started opens on the rubric; otherwise the marker stays on the tab they use.
  if (view.state === "not_started") panelTab = "rubric";
  draw();
  window.scrollTo(0, 0);

  return {
    onKey(event) {
      switch (event.key) {
        case "c":
          if (pending && !popover.hidden) {
            openComposer();
            return true;
          }
          return false;
        case "Escape":
          if (popover.hidden) return false;
          hidePopover();
          return true;
        case "[":
          void go(view.previous);
          return true;
        case "]":
          void go(view.next);
          return true;
        case "1":
        case "2":
        case "3":
          showTab((["rubric", "comments", "audit"] as const)[Number(event.key) - 1]);
          return true;
        default:
          return false;
      }
    },
    dispose() {
      insights?.dispose();
      // Leaving with unsaved scores keeps them: saved as they are, not submitted.
      if (dirty() && !readOnly()) void saveMark(round, code, marker, { scores: { ...draft }, overall: overallDraft, submit: false }).catch(() => undefined);
      popover.remove();
      document.removeEventListener("keyup", onKeyUp);
      document.removeEventListener("mousedown", onMouseDown);
      document.removeEventListener("keydown", onCtrlS);
      window.removeEventListener("beforeunload", beforeUnload);
      root.classList.remove("review-wide", "review-fit");
      document.title = "Quire";
    },
  };
}

/** Draws the eye to an element for a moment. */
function flash(el: HTMLElement): void {
  el.classList.remove("flash");
  void el.offsetWidth;
  el.classList.add("flash");
  window.setTimeout(() => el.classList.remove("flash"), 1800);
}
