// A round's dashboard (#/review/ROUND?as=WHO): who the person is acting as
// (one of the round's markers, or the coordinator), and what that person
// works on. A marker sees their queue with their progress; the coordinator
// sees every entry with each marker's state and total, the agreed mark, the
// entries flagged for moderation, reassignment, shortlist and winner, the
// reveal of a blind round, and the marks files markers exchange.

import {
  exportMarks,
  flagEntry,
  importMarks,
  pickFiles,
  pickSavePath,
  reassignMarking,
  revealRound,
  roundStatus,
  type EntryStatus,
  type MarkStatus,
} from "../../api";
import { h, replace } from "../../dom";
import { plural } from "../../format";
import type { Params, View } from "../../view";
import {
  COORDINATOR,
  actingAs,
  confirmAction,
  fact,
  href,
  param,
  progressBar,
  roundHead,
  setActingAs,
  statePill,
  statusLine,
  when,
} from "./common";
import { fmt, markText, progressText, toleranceMarks } from "./scoring";

const RULE_LABEL = {
  mean: "Agreed mark: mean of the markers",
  highest: "Agreed mark: the highest",
  first: "Agreed mark: the first marker's",
  moderator: "Agreed mark: set by the moderator",
} as const;

export async function mountRound(root: HTMLElement, params: Params): Promise<View> {
  const name = param(params.round);
  const query = new URLSearchParams(params.query ?? "");
  let round = await roundStatus(name);
  const asked = query.get("as");
  const known = (who: string | null) => who !== null && (who === COORDINATOR || round.markers.some((m) => m.name === who));
  let who = known(asked) ? asked! : known(actingAs(name)) ? actingAs(name) : COORDINATOR;
  setActingAs(name, who);

  const status$ = statusLine("round-status");
  const body = h("div", { class: "round-body" });

  const picker = h(
    "select",
    {
      class: "select",
      id: "acting-as",
      testid: "acting-as",
      onchange: () => {
        who = picker.value;
        setActingAs(name, who);
        history.replaceState(null, "", href.round(name, who));
        status$.clear();
        draw();
      },
    },
    h("option", { value: COORDINATOR }, "Coordinator"),
    h(
      "optgroup",
      { label: "Markers" },
      ...round.markers.map((m) => h("option", { value: m.name }, m.affiliation ? `${m.name} (${m.affiliation})` : m.name)),
    ),
  );
  picker.value = who;

  async function reload(): Promise<void> {
    round = await roundStatus(name);
    draw();
  }

  function facts(): (string | Node)[] {
    return [
      round.blind
        ? fact(round.masked ? "Blind · names hidden" : "Blind · revealed", round.masked ? "accent" : "muted")
        : fact("Open marking", "muted"),
      fact(`${plural(round.entries.length, "entry", "entries")} · ${round.per_entry} ${round.per_entry === 1 ? "marker" : "markers"} each`),
      fact(RULE_LABEL[round.rule]),
      fact(`Tolerance ${fmt(toleranceMarks(round.tolerance))} marks`),
    ];
  }

  function draw(): void {
    const acting = h("label", { class: "acting-as", for: "acting-as" }, h("span", {}, "Acting as"), picker);
    replace(root, roundHead(name, "round", facts(), [acting]), status$.element, body);
    if (who === COORDINATOR) drawCoordinator();
    else drawMarker(who);
  }

  // ---- a marker's queue ---------------------------------------------------

  function drawMarker(marker: string): void {
    const me = round.markers.find((m) => m.name === marker)!;
    const queue = round.entries.filter((e) => e.marks.some((m) => m.marker === marker));
    const next = queue.find((e) => mine(e, marker)?.state !== "submitted");
    replace(
      body,
      h(
        "section",
        { class: "queue-head" },
        h(
          "div",
          {},
          h("h2", {}, "Your queue"),
          h("p", { class: "progress-text", testid: "queue-progress" }, progressText(me.submitted, me.allocated)),
          progressBar(me.submitted, me.allocated),
        ),
        next &&
          h(
            "a",
            { class: "button primary", href: href.mark(name, next.code, marker), testid: "queue-continue" },
            mine(next, marker)?.state === "not_started" ? `Start ${next.code}` : `Continue ${next.code}`,
          ),
      ),
      queue.length === 0
        ? h("p", { class: "empty-state" }, `${marker} has no entries to mark in this round.`)
        : h(
            "table",
            { class: "doc-table review-table", testid: "queue" },
            h("thead", {}, h("tr", {}, h("th", {}, "Entry"), h("th", {}, "Title"), h("th", { class: "num" }, "Words"), h("th", {}, "State"), h("th", { class: "num" }, "Your total"), h("th", {}))),
            h(
              "tbody",
              {},
              ...queue.map((e) => {
                const m = mine(e, marker)!;
                const to = href.mark(name, e.code, marker);
                return h(
                  "tr",
                  { testid: "queue-row", "data-code": e.code, "data-state": m.state, onclick: (ev: MouseEvent) => open(ev, to) },
                  h("td", { class: "code" }, e.code),
                  h("td", { class: "title-cell" }, h("a", { class: "doc-title", href: to, testid: "queue-open" }, e.title), byline(e)),
                  h("td", { class: "num words" }, e.word_count === null ? "—" : e.word_count.toLocaleString("en-GB")),
                  h("td", {}, statePill(m.state)),
                  h("td", { class: "num total", testid: "queue-total" }, markText(m.total)),
                  h("td", { class: "num" }, h("a", { class: "button small", href: to }, m.state === "submitted" ? "View" : m.state === "in_progress" ? "Continue" : "Mark")),
                );
              }),
            ),
          ),
    );
  }

  const mine = (e: EntryStatus, marker: string): MarkStatus | undefined => e.marks.find((m) => m.marker === marker);

  /** A row click opens its entry, unless it was on a control inside it. */
  function open(event: MouseEvent, to: string): void {
    if ((event.target as Element).closest("a, button, select, input, label")) return;
    location.hash = to;
  }

  function byline(e: EntryStatus): HTMLElement {
    // A blind round can only hide a name it knows: an entry whose author
    // was never read needs its text checked by hand.
    if (e.unknown_author) {
      return h(
        "span",
        { class: "origin", testid: "entry-author" },
        h("span", { class: "badge warn", title: "No author was read from this entry, so a blind round cannot hide their name in its text: check the text by hand." }, "No author on record"),
      );
    }
    return round.masked
      ? h("span", { class: "origin" }, h("span", { class: "masked" }, "hidden"))
      : h("span", { class: "origin", testid: "entry-author" }, [e.author, e.affiliation].filter(Boolean).join(" · "));
  }

  // ---- the coordinator --------------------------------------------------

  function drawCoordinator(): void {
    const flagged = round.entries.filter((e) => e.flagged && e.moderation === null).length;
    const toModerate = round.entries.filter((e) => e.needs_moderator && e.moderation === null).length;
    replace(
      body,
      h(
        "section",
        { class: "marker-cards", testid: "marker-cards" },
        ...round.markers.map((m) =>
          h(
            "div",
            { class: "marker-card", testid: "marker-card", "data-marker": m.name },
            h("div", { class: "marker-name" }, m.name, m.affiliation && h("span", { class: "muted" }, ` · ${m.affiliation}`)),
            h("p", { class: "progress-text" }, progressText(m.submitted, m.allocated)),
            progressBar(m.submitted, m.allocated),
            h(
              "div",
              { class: "marker-card-actions" },
              h("a", { class: "button small", href: href.round(name, m.name), onclick: () => setActingAs(name, m.name) }, "Their queue"),
              h("button", { class: "button small", type: "button", testid: "export-marks", onclick: () => void exportFor(m.name) }, "Export marks"),
            ),
          ),
        ),
        h(
          "div",
          { class: "marker-card coordinator-card" },
          h("div", { class: "marker-name" }, "Round"),
          h(
            "p",
            { class: "progress-text" },
            flagged + toModerate > 0
              ? h("span", { class: "flag-text", testid: "to-moderate" }, `${plural(Math.max(flagged, toModerate), "entry", "entries")} to moderate`)
              : "Nothing to moderate",
          ),
          h(
            "div",
            { class: "marker-card-actions" },
            h("button", { class: "button small", type: "button", testid: "import-marks", onclick: () => void importFile() }, "Import marks…"),
            round.masked &&
              h("button", { class: "button small primary", type: "button", testid: "reveal", onclick: () => void reveal() }, "Reveal identities…"),
          ),
          round.revealed && h("p", { class: "muted small-note", testid: "revealed-note" }, `Revealed by ${round.revealed.by}, ${when(round.revealed.at)}`),
        ),
      ),
      h(
        "table",
        { class: "doc-table review-table coordinator-table", testid: "entries" },
        h(
          "thead",
          {},
          h("tr", {}, h("th", {}, "Entry"), h("th", {}, "Title"), h("th", {}, "Markers"), h("th", { class: "num" }, "Agreed"), h("th", {}, "Shortlist")),
        ),
        h("tbody", {}, ...round.entries.map(entryRow)),
      ),
    );
  }

  function entryRow(e: EntryStatus): HTMLElement {
    const others = (current: string) => round.markers.filter((m) => !e.marks.some((x) => x.marker === m.name) || m.name === current);
    const agreed = h(
      "td",
      { class: "num agreed-cell" },
      h("span", { class: "agreed", testid: "agreed" }, markText(e.agreed)),
      e.moderation && h("span", { class: "origin", testid: "moderated", title: e.moderation.reason }, `moderated by ${e.moderation.by}`),
      e.flagged &&
        h(
          "span",
          { class: "badge limit", testid: "flagged", title: `The markers' totals are ${fmt(e.spread ?? 0)} apart; the tolerance is ${fmt(toleranceMarks(round.tolerance))}` },
          `spread ${fmt(e.spread ?? 0)}`,
        ),
      !e.flagged && e.needs_moderator && e.moderation === null && h("span", { class: "badge limit", testid: "needs-moderator" }, "to moderate"),
    );
    return h(
      "tr",
      { testid: "entry-row", "data-code": e.code, "data-flagged": String(e.flagged) },
      h("td", { class: "code" }, e.code),
      h(
        "td",
        { class: "title-cell" },
        h("span", { class: "doc-title" }, e.title),
        byline(e),
        h(
          "span",
          { class: "row-links" },
          h("a", { href: href.moderate(name, e.code), testid: "moderate-link", class: e.flagged || e.needs_moderator ? "strong" : null }, e.flagged || e.needs_moderator ? "Moderate" : "Compare marks"),
          h("a", { href: href.trail(name, e.code), testid: "trail-link" }, "Trail"),
        ),
      ),
      h(
        "td",
        { class: "marks-cell" },
        h(
          "ul",
          { class: "entry-marks" },
          ...e.marks.map((m) =>
            h(
              "li",
              { testid: "entry-mark", "data-marker": m.marker, "data-state": m.state },
              h("span", { class: "mark-marker" }, m.marker),
              statePill(m.state),
              h("span", { class: "mark-total" }, markText(m.total)),
              m.state !== "submitted" && reassign(e, m.marker, others(m.marker).map((x) => x.name)),
            ),
          ),
        ),
      ),
      agreed,
      h(
        "td",
        { class: "flags-cell" },
        toggle(e, "shortlisted", "Shortlist", e.shortlisted),
        toggle(e, "winner", "Winner", e.winner),
      ),
    );
  }

  function reassign(e: EntryStatus, from: string, choices: string[]): HTMLElement | null {
    const to = choices.filter((c) => c !== from);
    if (to.length === 0) return null;
    const select = h(
      "select",
      {
        class: "select small reassign",
        testid: "reassign",
        "aria-label": `Reassign ${from}'s marking of ${e.code}`,
        onchange: async () => {
          const target = select.value;
          select.value = "";
          if (!target) return;
          try {
            await reassignMarking(name, e.code, from, target, COORDINATOR);
            status$.ok(`${e.code} moved from ${from} to ${target}.`);
            await reload();
          } catch (err) {
            status$.fail(err);
          }
        },
      },
      h("option", { value: "" }, "Reassign…"),
      ...to.map((c) => h("option", { value: c }, `to ${c}`)),
    );
    return select;
  }

  function toggle(e: EntryStatus, flag: "shortlisted" | "winner", label: string, on: boolean): HTMLElement {
    return h(
      "button",
      {
        class: "chip flag-toggle",
        type: "button",
        testid: `toggle-${flag}`,
        "aria-pressed": String(on),
        onclick: async () => {
          try {
            await flagEntry(name, e.code, flag === "shortlisted" ? !on : null, flag === "winner" ? !on : null, COORDINATOR);
            await reload();
          } catch (err) {
            status$.fail(err);
          }
        },
      },
      on ? `✓ ${label}` : label,
    );
  }

  async function reveal(): Promise<void> {
    const ok = await confirmAction(
      "Reveal identities?",
      `Every marker and every screen of “${name}” will show the entrants' names and affiliations from now on. This cannot be undone.`,
      "Reveal identities",
    );
    if (!ok) return;
    try {
      const done = await revealRound(name, COORDINATOR);
      status$.ok(`Identities revealed by ${done.by}.`);
      await reload();
    } catch (err) {
      status$.fail(err);
    }
  }

  async function exportFor(marker: string): Promise<void> {
    try {
      const path = await pickSavePath(`${name} - ${marker} marks`, "json");
      if (!path) return;
      await exportMarks(name, marker, path);
      status$.ok(`${marker}'s marks written to ${path}.`);
    } catch (err) {
      status$.fail(err);
    }
  }

  async function importFile(): Promise<void> {
    try {
      const [path] = await pickFiles("marks");
      if (!path) return;
      const done = await importMarks(path, COORDINATOR);
      const parts = [
        `${plural(done.imported.length, "marking")} imported from ${done.marker}`,
        done.unchanged.length > 0 && `${done.unchanged.length} unchanged`,
        done.conflicts.length > 0 &&
          `${plural(done.conflicts.length, "conflict")} left as they were (${done.conflicts.map((c) => `${c.code}: ${c.reason}`).join("; ")})`,
      ].filter(Boolean);
      status$.ok(`${parts.join(", ")}.`);
      await reload();
    } catch (err) {
      status$.fail(err);
    }
  }

  draw();
  return {};
}
