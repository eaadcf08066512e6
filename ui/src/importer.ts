// Importing files: from the file dialog or dropped on the window. One import
// runs at a time; the panel shows progress, then what was imported and which
// files failed and why.

import { getCurrentWebview } from "@tauri-apps/api/webview";
import { importFiles, onFilesDropped, onImportProgress, pickFiles, type ImportReport, type Progress } from "./api";
import { h, replace } from "./dom";
import { errorText } from "./errors";
import { icon } from "./icons";

export interface Importer {
  /** The status panel the shell places under its top bar. */
  panel: HTMLElement;
  /** The full-window overlay shown while files are dragged over the window. */
  overlay: HTMLElement;
  /** Ask for files with the system dialog, then import them. */
  pick(): Promise<void>;
}

export function createImporter(onImported: () => void): Importer {
  const panel = h("section", { class: "import-panel", testid: "import-status", "aria-live": "polite", hidden: true });
  const overlay = h(
    "div",
    { class: "drop-overlay", testid: "drop-overlay", hidden: true },
    h("div", { class: "drop-target" }, icon("import"), h("p", {}, "Drop .txt, .md or .docx files to import them")),
  );
  let queue = Promise.resolve();

  const showProgress = (p: Progress) => {
    const bar = h("progress", { testid: "import-progress", max: Math.max(p.total, 1), value: p.done });
    replace(
      panel,
      h(
        "div",
        { class: "import-head" },
        h("strong", {}, "Importing"),
        h("span", { class: "muted" }, `${p.done} of ${p.total}`, p.current ? ` · ${baseName(p.current)}` : ""),
      ),
      bar,
    );
    panel.hidden = false;
  };

  const showReport = (report: ImportReport) => {
    const dismiss = h(
      "button",
      { class: "icon-button", title: "Dismiss", "aria-label": "Dismiss", onclick: () => (panel.hidden = true) },
      icon("close"),
    );
    replace(
      panel,
      h("div", { class: "import-head" }, h("strong", { testid: "import-summary" }, summary(report)), dismiss),
      report.errors.length > 0 &&
        h(
          "ul",
          { class: "import-errors", testid: "import-errors" },
          ...report.errors.map((e) =>
            h("li", {}, h("span", { class: "file", title: e.path }, baseName(e.path)), h("span", {}, e.message)),
          ),
        ),
    );
    panel.classList.toggle("has-errors", report.errors.length > 0);
    panel.hidden = false;
  };

  const run = async (paths: string[]) => {
    if (paths.length === 0) return;
    panel.classList.remove("has-errors");
    showProgress({ done: 0, total: paths.length, current: "" });
    const unlisten = await onImportProgress(showProgress);
    try {
      showReport(await importFiles(paths));
    } catch (err) {
      showReport({ imported: [], errors: [{ path: paths.join(", "), message: errorText(err) }] });
    } finally {
      unlisten();
      onImported();
    }
  };
  const enqueue = (paths: string[]) => (queue = queue.then(() => run(paths)));

  // The webview's drag events only show the overlay; the drop itself comes
  // from Rust, which grants the dropped files before announcing them.
  void getCurrentWebview().onDragDropEvent((event) => {
    const { type } = event.payload;
    overlay.hidden = !(type === "enter" || type === "over");
  });
  void onFilesDropped((paths) => void enqueue(paths));

  return {
    panel,
    overlay,
    async pick() {
      await enqueue(await pickFiles("documents"));
    },
  };
}

function summary(report: ImportReport): string {
  const n = report.imported.length;
  const docs = `Imported ${n} document${n === 1 ? "" : "s"}`;
  const failed = report.errors.length;
  return failed === 0 ? docs : `${docs}; ${failed} file${failed === 1 ? "" : "s"} could not be imported`;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
