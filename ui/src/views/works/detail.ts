// Works, the detail panel: the screen beside the works table that shows one
// work: its formatted entry, its in-text citation, the reference entries
// that were matched to it (each can be split off as a work of its own), and
// the CSL edit form (csl-form.ts) to correct its details. Kept apart from
// the table because it is a screen of its own with its own actions; it acts
// on the table only through `WorksScreen`.

import { splitWork, updateWork, type WorkDetail } from "../../api";
import { cslForm } from "../../csl-form";
import { h, replace, setEngineHtml } from "../../dom";
import { icon } from "../../icons";
import type { WorksScreen } from "./table";

/** Draws `work` into the detail panel and shows it. */
export function drawDetail(detail: HTMLElement, work: WorkDetail, screen: WorksScreen): void {
  const { attempt, show, refetch, openWork } = screen;
  const form = cslForm(work.csl, {
    testid: "work-form",
    className: "work-form",
    saveTestid: "work-save",
    saveLabel: "Save",
    onSave: async (csl) => {
      await attempt(async () => {
        await updateWork(work.id, csl);
        show(`Saved work #${work.id}.`);
        await refetch(true);
        await openWork(work.id);
      });
    },
  });
  const entry = h("div", { class: "csl-entry" });
  setEngineHtml(entry, work.html);
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
            screen.state.openId = null;
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
