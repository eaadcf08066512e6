// Works, the actions: the works screen's toolbar buttons that act on many
// works at once: merge the selected records of one work, export the
// selection (or everything the filter matches) as BibTeX, RIS or CSL-JSON,
// and import works from such files. Kept apart from the table because they
// talk to dialogs and files rather than draw rows; they reach the table
// through `WorksScreen`.

import { exportWorks, importWorks, mergeWorks, pickFiles, pickSavePath, listWorks, type InterchangeFormat } from "../../api";
import { h } from "../../dom";
import { EXTENSIONS } from "../../export";
import { plural } from "../../format";
import { icon } from "../../icons";
import type { WorksScreen } from "./table";

export interface WorksActions {
  mergeButton: HTMLButtonElement;
  importButton: HTMLButtonElement;
  exportSelect: HTMLSelectElement;
  /** Enables merging when two or more works are selected. */
  update(): void;
}

export function createActions(screen: WorksScreen): WorksActions {
  const { state, attempt, show, refetch, openWork } = screen;

  /** The selected works among the loaded rows, in table order. */
  const selectedIds = () =>
    screen
      .rows()
      .map((r) => r.id)
      .filter((id) => state.selected.has(id));

  const mergeButton = h("button", { class: "button", testid: "works-merge", onclick: () => void merge() }, "Merge selected");
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

  async function merge(): Promise<void> {
    const ids = selectedIds();
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
      const ids = state.selected.size > 0 ? selectedIds() : (await listWorks(screen.filter(), 0, screen.total())).rows.map((r) => r.id);
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

  return {
    mergeButton,
    importButton,
    exportSelect,
    update() {
      const n = state.selected.size;
      mergeButton.disabled = n < 2;
      mergeButton.title = n < 2 ? "Select two or more records of the same work" : `Merge ${n} works into the first selected`;
    },
  };
}
