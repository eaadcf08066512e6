// A round's audit trail (#/review/ROUND/trail or …/trail/CODE): every change
// the engine recorded (when, who, what, the old value and the new), for the
// round or one entry with the round-wide lines, newest first.

import { reviewTrail, roundStatus } from "../../api";
import { h, replace } from "../../dom";
import type { Params, View } from "../../view";
import { href, param, roundHead, when } from "./common";

export async function mountTrail(root: HTMLElement, params: Params): Promise<View> {
  const round = param(params.round);
  const code = params.code ? param(params.code) : null;
  const [events, status] = await Promise.all([reviewTrail(round, code), roundStatus(round)]);
  document.title = `Trail — ${round} — Quire`;

  const entry = h(
    "select",
    {
      class: "select",
      testid: "trail-entry",
      "aria-label": "Entry",
      onchange: () => (location.hash = href.trail(round, entry.value || null)),
    },
    h("option", { value: "" }, "Every entry"),
    ...status.entries.map((e) => h("option", { value: e.code }, `${e.code} · ${e.title}`)),
  );
  entry.value = code ?? "";

  const rows = [...events].reverse();
  replace(
    root,
    roundHead(round, "trail"),
    h(
      "div",
      { class: "toolbar" },
      entry,
      code && h("a", { class: "button small", href: href.moderate(round, code) }, `Moderate ${code}`),
      h("span", { class: "muted" }, `${rows.length} ${rows.length === 1 ? "change" : "changes"}, newest first`),
    ),
    rows.length === 0
      ? h("p", { class: "empty-state", testid: "trail-empty" }, "Nothing has changed yet.")
      : h(
          "table",
          { class: "doc-table review-table trail-table", testid: "trail" },
          h("thead", {}, h("tr", {}, h("th", {}, "When"), h("th", {}, "Who"), h("th", {}, "Entry"), h("th", {}, "What"), h("th", {}, "Change"))),
          h(
            "tbody",
            {},
            ...rows.map((e) =>
              h(
                "tr",
                { testid: "trail-row" },
                h("td", { class: "when" }, when(e.at)),
                h("td", {}, e.actor),
                h("td", { class: "code" }, e.entry ?? h("span", { class: "muted" }, "round")),
                h("td", {}, e.action),
                h(
                  "td",
                  { class: "change" },
                  e.old !== null && h("span", { class: "old" }, e.old),
                  e.old !== null && e.new !== null && h("span", { class: "arrow" }, " → "),
                  e.new !== null ? h("span", { class: "new" }, e.new) : h("span", { class: "muted" }, "(cleared)"),
                ),
              ),
            ),
          ),
        ),
  );
  return {};
}
