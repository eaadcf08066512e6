// The review workspace's front page (#/review): every review round with its
// progress, and the form that creates one: its entries (a collection's
// essays or essays chosen one by one), its rubric (a saved template, edited
// here, imported from a file or saved back as a template), its markers, how
// many mark each entry, blind or open, the conflict rule, the agreed-mark
// rule and the tolerance.

import {
  createRound,
  deleteRound,
  exportRubricTemplate,
  importRubricTemplate,
  listCollections,
  listDocuments,
  listRounds,
  pickFiles,
  pickSavePath,
  rubricTemplates,
  saveRubricTemplate,
  type AgreeRule,
  type Collection,
  type DocRow,
  type MarkerInput,
  type RoundSummary,
  type Rubric,
} from "../../api";
import { h, replace } from "../../dom";
import { plural } from "../../format";
import type { Params, View } from "../../view";
import { COORDINATOR, actingAs, confirmAction, fact, href, progressBar, statusLine, when } from "./common";
import { rubricEditor } from "./rubric-editor";

/** `text` cut to `n` characters with an ellipsis, for option labels. */
function clip(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1).trimEnd()}…`;
}
import { progressText } from "./scoring";

export async function mountReviewIndex(root: HTMLElement, _params: Params): Promise<View> {
  const [rounds, templates, collections, essays] = await Promise.all([
    listRounds(),
    rubricTemplates(),
    listCollections(),
    listDocuments({ kind: "essay" }),
  ]);
  document.title = "Review — Quire";
  const status$ = statusLine("review-index-status");
  const form = newRoundForm(templates, collections, essays.filter((d) => d.duplicate_of === null));
  form.hidden = rounds.length > 0;
  const newButton = h(
    "button",
    {
      class: "button primary",
      type: "button",
      testid: "new-round",
      onclick: () => {
        form.hidden = !form.hidden;
        if (!form.hidden) form.querySelector<HTMLInputElement>("input")?.focus();
      },
    },
    "New round",
  );

  replace(
    root,
    h(
      "div",
      { class: "page-head" },
      h("div", {}, h("h1", {}, "Review"), h("p", { class: "muted" }, "Marking rounds: blind or open, double-marked, moderated and ranked.")),
      newButton,
    ),
    status$.element,
    form,
    rounds.length === 0
      ? h("div", { class: "empty-state", testid: "rounds-empty" }, h("p", {}, "No review rounds yet."), h("p", { class: "muted" }, "Create one from a collection of essays."))
      : h("ul", { class: "round-list", testid: "rounds" }, ...rounds.map((r) => roundCard(r))),
  );

  function roundCard(r: RoundSummary): HTMLElement {
    const who = actingAs(r.name);
    return h(
      "li",
      { class: "round-card", testid: "round-card", "data-round": r.name },
      h(
        "div",
        { class: "round-card-main" },
        h("a", { class: "round-name", href: href.round(r.name, who), testid: "round-link" }, r.name),
        h(
          "p",
          { class: "review-facts" },
          r.blind ? fact(r.revealed ? "Blind · revealed" : "Blind · names hidden", r.revealed ? "muted" : "accent") : fact("Open marking", "muted"),
          fact(plural(r.entries, "entry", "entries")),
          fact(plural(r.markers, "marker")),
          fact(`rule: ${r.rule}`),
          r.awaiting_moderation > 0 && fact(`${r.awaiting_moderation} awaiting moderation`, "flag"),
        ),
      ),
      h(
        "div",
        { class: "round-card-progress" },
        h("span", { class: "progress-text" }, progressText(r.submitted, r.marks)),
        progressBar(r.submitted, r.marks),
        h("span", { class: "muted small-note" }, `created ${when(r.created_at)}`),
      ),
      h(
        "div",
        { class: "round-card-actions" },
        h("a", { class: "button small", href: href.round(r.name, who) }, who === COORDINATOR ? "Open" : `Open as ${who}`),
        h("a", { class: "button small", href: href.results(r.name) }, "Results"),
        h(
          "button",
          {
            class: "button small danger",
            type: "button",
            onclick: async () => {
              if (!(await confirmAction(`Delete “${r.name}”?`, "Its marks, comments, moderation and trail are deleted with it. The essays stay in the library.", "Delete round"))) return;
              try {
                await deleteRound(r.name);
                location.reload();
              } catch (err) {
                status$.fail(err);
              }
            },
          },
          "Delete",
        ),
      ),
    );
  }

  return {};
}

/** The form that creates a round. */
function newRoundForm(templates: Rubric[], collections: Collection[], essays: DocRow[]): HTMLFormElement {
  const status$ = statusLine("new-round-status");
  const name = h("input", { class: "text-input", testid: "round-name", required: true, placeholder: "e.g. Essay prize 2026" });

  // Entries: a collection, or essays chosen.
  let source: "collection" | "chosen" = collections.length > 0 ? "collection" : "chosen";
  const collection = h("select", { class: "select", testid: "round-collection", "aria-label": "Collection" }, ...collections.map((c) => h("option", { value: c.title, title: c.title }, `${clip(c.title, 70)} (${plural(c.documents, "document")})`)));
  const chosen = new Set<number>();
  const essayList = h(
    "ul",
    { class: "essay-picks" },
    ...essays.map((d) =>
      h(
        "li",
        {},
        h(
          "label",
          {},
          h("input", { type: "checkbox", value: d.id, onchange: (e: Event) => ((e.target as HTMLInputElement).checked ? chosen.add(d.id) : chosen.delete(d.id)) }),
          h("span", {}, d.title),
          h("span", { class: "muted" }, [d.author, d.collection].filter(Boolean).join(" · ")),
        ),
      ),
    ),
  );
  const sourceButtons = (["collection", "chosen"] as const).map((s) =>
    h("button", { class: "segment", type: "button", "aria-pressed": String(s === source), onclick: () => setSource(s) }, s === "collection" ? "A collection" : "Chosen essays"),
  );
  function setSource(s: typeof source): void {
    source = s;
    sourceButtons.forEach((b, i) => b.setAttribute("aria-pressed", String((i === 0 ? "collection" : "chosen") === s)));
    collection.hidden = s !== "collection";
    essayList.hidden = s !== "chosen";
  }
  setSource(source);

  // The rubric.
  const editor = rubricEditor();
  const template = h(
    "select",
    { class: "select", testid: "round-rubric", "aria-label": "Rubric template", onchange: () => pickTemplate() },
    ...templates.map((t) => h("option", { value: t.name }, `${t.name} (${plural(t.criteria.length, "criterion", "criteria")})`)),
    h("option", { value: "" }, "A new rubric"),
  );
  function pickTemplate(): void {
    const t = templates.find((x) => x.name === template.value);
    editor.set(t ?? { name: "", criteria: [{ name: "", weight: 1, max: 10, levels: [] }] });
  }
  pickTemplate();
  const rubricActions = h(
    "div",
    { class: "inline-actions" },
    h(
      "button",
      {
        class: "button small",
        type: "button",
        onclick: async () => {
          try {
            const [path] = await pickFiles("rubric");
            if (!path) return;
            const r = await importRubricTemplate(path);
            templates.push(r);
            template.prepend(h("option", { value: r.name }, r.name));
            template.value = r.name;
            pickTemplate();
            status$.ok(`Rubric “${r.name}” imported.`);
          } catch (err) {
            status$.fail(err);
          }
        },
      },
      "Import rubric…",
    ),
    h(
      "button",
      {
        class: "button small",
        type: "button",
        onclick: async () => {
          try {
            const saved = await saveRubricTemplate(editor.value());
            if (!templates.some((t) => t.name === saved.name)) template.prepend(h("option", { value: saved.name }, saved.name));
            templates.splice(0, templates.length, ...templates.filter((t) => t.name !== saved.name), saved);
            template.value = saved.name;
            status$.ok(`Template “${saved.name}” saved.`);
          } catch (err) {
            status$.fail(err);
          }
        },
      },
      "Save as template",
    ),
    h(
      "button",
      {
        class: "button small",
        type: "button",
        onclick: async () => {
          if (!template.value) return status$.ok("Save the rubric as a template first.");
          try {
            const path = await pickSavePath(template.value, "json");
            if (!path) return;
            await exportRubricTemplate(template.value, path);
            status$.ok(`Rubric written to ${path}.`);
          } catch (err) {
            status$.fail(err);
          }
        },
      },
      "Export…",
    ),
  );

  // Markers.
  const markers: MarkerInput[] = [
    { name: "", affiliation: null },
    { name: "", affiliation: null },
  ];
  const markerList = h("ol", { class: "marker-inputs" });
  function drawMarkers(): void {
    replace(
      markerList,
      ...markers.map((m, i) =>
        h(
          "li",
          {},
          h("input", { class: "text-input small", placeholder: "Name", value: m.name, "aria-label": `Marker ${i + 1} name`, oninput: (e: Event) => (m.name = (e.target as HTMLInputElement).value) }),
          h("input", {
            class: "text-input small",
            placeholder: "Affiliation (optional)",
            value: m.affiliation ?? "",
            "aria-label": `Marker ${i + 1} affiliation`,
            oninput: (e: Event) => (m.affiliation = (e.target as HTMLInputElement).value.trim() || null),
          }),
          h("button", { class: "icon-button small", type: "button", "aria-label": "Remove this marker", onclick: () => (markers.splice(i, 1), drawMarkers()) }, "×"),
        ),
      ),
    );
  }
  drawMarkers();

  const perEntry = h("input", { class: "text-input small num-input", type: "number", min: 1, max: 4, value: "2", testid: "round-per-entry" });
  const blind = h("input", { type: "checkbox", checked: true, testid: "round-blind" });
  const avoid = h("input", { type: "checkbox", checked: true, testid: "round-avoid" });
  const rule = h(
    "select",
    { class: "select", testid: "round-rule" },
    h("option", { value: "mean" }, "Mean of the markers"),
    h("option", { value: "highest" }, "Highest mark"),
    h("option", { value: "first" }, "First marker's mark"),
    h("option", { value: "moderator" }, "Moderator decides"),
  );
  const tolerance = h("input", { class: "text-input small num-input", type: "number", min: 0, max: 100, step: "any", value: "10", testid: "round-tolerance" });

  const form = h(
    "form",
    {
      class: "new-round panel-section",
      testid: "new-round-form",
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        const documents = source === "chosen" ? essays.filter((d) => chosen.has(d.id)).map((d) => d.id) : [];
        try {
          const made = await createRound(
            {
              name: name.value.trim(),
              documents,
              collection: source === "collection" ? collection.value || null : null,
              rubric: editor.value(),
              markers: markers.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), affiliation: m.affiliation })),
              per_entry: Number(perEntry.value),
              blind: blind.checked,
              avoid_same_affiliation: avoid.checked,
              rule: rule.value as AgreeRule,
              tolerance: Number(tolerance.value) / 100,
            },
            COORDINATOR,
          );
          location.hash = href.round(made.name, COORDINATOR);
        } catch (err) {
          status$.fail(err);
        }
      },
    },
    h("h2", {}, "New round"),
    h(
      "div",
      { class: "form-grid" },
      h("label", { class: "field" }, "Name", name),
      h("div", { class: "field" }, "Entries", h("div", { class: "segmented" }, ...sourceButtons), collection, essayList),
      h("div", { class: "field wide" }, "Rubric", h("div", { class: "inline-actions" }, template, rubricActions), editor.element),
      h(
        "div",
        { class: "field" },
        "Markers",
        markerList,
        h("button", { class: "link-button", type: "button", onclick: () => (markers.push({ name: "", affiliation: null }), drawMarkers()) }, "+ marker"),
      ),
      h(
        "div",
        { class: "field" },
        "Marking",
        h("label", { class: "check" }, perEntry, " markers per entry (1–4)"),
        h("label", { class: "check" }, blind, " Blind: hide entrants' names until revealed"),
        h("label", { class: "check" }, avoid, " Never give a marker an entrant of their own affiliation"),
        h("label", { class: "check" }, "Agreed mark: ", rule),
        h("label", { class: "check" }, "Flag for moderation when totals differ by more than ", tolerance, " marks"),
      ),
    ),
    h("div", { class: "form-actions" }, status$.element, h("button", { class: "button primary", type: "submit", testid: "create-round" }, "Create round")),
  );
  return form;
}
