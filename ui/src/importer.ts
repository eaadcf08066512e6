// Importing: files from the file dialog or dropped on the window, and Zotero
// libraries. One import runs at a time. The panel under the top bar is the
// progress view: counts, time left, a Cancel button, and a row per file as
// the engine finishes it (its format, documents, the work its metadata made,
// caveats, or why it was refused); then the summary, with the same rows.

import { getCurrentWebview } from "@tauri-apps/api/webview";
import {
  cancelImport,
  importFiles,
  importZotero,
  onFilesDropped,
  onImportProgress,
  pickFiles,
  type CollectionsAs,
  type ImportedFile,
  type ImportReport,
  type Progress,
  type ZoteroReport,
} from "./api";
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
  /** Ask what Zotero collections become and for the data directory, then import it. */
  pickZotero(): Promise<void>;
}

const FORMATS: Record<string, string> = {
  text: "Text",
  markdown: "Markdown",
  docx: "Word",
  odt: "OpenDocument",
  pdf: "PDF",
  html: "Web page",
};

export function createImporter(onImported: () => void): Importer {
  const panel = h("section", { class: "import-panel", testid: "import-status", "aria-live": "polite", hidden: true });
  const overlay = h(
    "div",
    { class: "drop-overlay", testid: "drop-overlay", hidden: true },
    h(
      "div",
      { class: "drop-target" },
      icon("import"),
      h("p", {}, "Drop files or folders to import them"),
      h("p", { class: "muted" }, ".pdf, .docx, .odt, saved web pages (.html), .txt and .md"),
    ),
  );
  let queue = Promise.resolve();
  // Rows of the files finished so far in the running import.
  let rows: ImportedFile[] = [];
  // The progress view is built once per import and then only updated: a
  // redraw on every file would take the Cancel button out from under a
  // pointer pressed on it (WebKit then drops the click) and lose its focus.
  let view = progressView();

  const dismiss = () =>
    h(
      "button",
      { class: "icon-button", title: "Dismiss", "aria-label": "Dismiss", onclick: () => (panel.hidden = true) },
      icon("close"),
    );

  const showProgress = (p: Progress) => {
    if (p.finished && !rows.some((r) => r.path === p.finished!.path)) {
      rows.push(p.finished);
      view.list.append(fileRow(p.finished));
    }
    const counts = [
      `${p.done} of ${p.total}`,
      p.imported > 0 && `${p.imported} imported`,
      p.failed > 0 && `${p.failed} refused`,
      p.remaining_ms !== null && p.done < p.total && `about ${duration(p.remaining_ms)} left`,
    ].filter(Boolean);
    view.counts.textContent = counts.join(" · ");
    view.bar.max = Math.max(p.total, 1);
    view.bar.value = p.done;
    view.reading.remove();
    if (p.current && rows.every((f) => f.path !== p.current)) {
      replace(
        view.reading,
        h("span", { class: "status", "aria-label": "reading" }, "…"),
        h("span", { class: "file", title: p.current }, baseName(p.current)),
        h("span", { class: "muted" }, "reading"),
      );
      view.list.append(view.reading);
    }
    if (!panel.contains(view.head)) replace(panel, view.head, view.bar, view.list);
    panel.classList.toggle("has-errors", p.failed > 0);
    panel.hidden = false;
  };

  const showReport = (report: ImportReport) => {
    replace(
      panel,
      h("div", { class: "import-head" }, h("strong", { testid: "import-summary" }, summary(report)), dismiss()),
      fileList(report.files.length > 0 ? report.files : rows, ""),
      report.errors.length > 0 &&
        report.files.length === 0 &&
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

  const showZoteroReport = (report: ZoteroReport) => {
    replace(
      panel,
      h("div", { class: "import-head" }, h("strong", { testid: "import-summary" }, zoteroSummary(report)), dismiss()),
      report.collections.length > 0 &&
        h("p", { class: "muted" }, `Filled: ${report.collections.join(", ")}`),
      report.skipped.length > 0 &&
        h(
          "ul",
          { class: "import-errors", testid: "import-errors" },
          ...report.skipped.slice(0, 20).map((s) => h("li", { class: "skipped" }, s)),
        ),
    );
    panel.classList.toggle("has-errors", false);
    panel.hidden = false;
  };

  /** Runs one import with the progress view; `fail` names what was being imported. */
  const run = async <T>(label: string, start: () => Promise<T>, show: (r: T) => void) => {
    rows = [];
    view = progressView();
    panel.classList.remove("has-errors");
    showProgress({ done: 0, total: 0, current: label, finished: null, imported: 0, failed: 0, elapsed_ms: 0, remaining_ms: null });
    const unlisten = await onImportProgress(showProgress);
    try {
      show(await start());
    } catch (err) {
      showReport({ imported: [], errors: [{ path: label, message: errorText(err) }], files: [] });
    } finally {
      unlisten();
      onImported();
    }
  };
  const enqueue = (paths: string[]) => {
    if (paths.length === 0) return queue;
    return (queue = queue.then(() => run(paths.join(", "), () => importFiles(paths), showReport)));
  };

  // The webview's drag events only show the overlay; the drop itself comes
  // from Rust, which grants the dropped files before announcing them.
  void getCurrentWebview().onDragDropEvent((event) => {
    const { type } = event.payload;
    overlay.hidden = !(type === "enter" || type === "over");
  });
  void onFilesDropped((paths) => {
    overlay.hidden = true;
    void enqueue(paths);
  });

  return {
    panel,
    overlay,
    async pick() {
      await enqueue(await pickFiles("documents"));
    },
    async pickZotero() {
      const how = await askCollectionsAs();
      if (!how) return;
      const [dir] = await pickFiles("zotero");
      if (!dir) return;
      await (queue = queue.then(() => run(dir, () => importZotero(dir, how), showZoteroReport)));
    },
  };
}

/** The parts of the progress view that updates change. */
function progressView() {
  const counts = h("span", { class: "muted", testid: "import-counts" });
  return {
    counts,
    head: h("div", { class: "import-head" }, h("strong", {}, "Importing"), counts, cancelButton()),
    bar: h("progress", { testid: "import-progress", max: 1, value: 0 }),
    list: h("ul", { class: "import-files", testid: "import-files" }),
    reading: h("li", { class: "import-file reading", "data-status": "reading" }),
  };
}

function cancelButton(): HTMLButtonElement {
  return h(
    "button",
    {
      class: "button",
      testid: "import-cancel",
      onclick: (event: Event) => {
        const button = event.currentTarget as HTMLButtonElement;
        button.disabled = true;
        button.textContent = "Cancelling…";
        void cancelImport();
      },
    },
    "Cancel",
  );
}

/** A row per file finished, then the one being read. */
function fileList(files: ImportedFile[], current: string): HTMLElement | false {
  if (files.length === 0 && !current) return false;
  return h(
    "ul",
    { class: "import-files", testid: "import-files" },
    ...files.map(fileRow),
    current && files.every((f) => f.path !== current) &&
      h(
        "li",
        { class: "import-file reading", "data-status": "reading" },
        h("span", { class: "status", "aria-label": "reading" }, "…"),
        h("span", { class: "file", title: current }, baseName(current)),
        h("span", { class: "muted" }, "reading"),
      ),
  );
}

function fileRow(f: ImportedFile): HTMLElement {
  const failed = f.error !== null;
  const n = f.documents.length;
  const outcome = failed
    ? f.error
    : [`${n} document${n === 1 ? "" : "s"}`, f.work !== null && `work #${f.work}`].filter(Boolean).join(" · ");
  return h(
    "li",
    { class: `import-file ${failed ? "failed" : "done"}`, testid: "import-file", "data-status": failed ? "failed" : "done", "data-path": f.path },
    h("span", { class: "status", "aria-label": failed ? "refused" : "imported" }, failed ? "✕" : "✓"),
    h("span", { class: "file", title: f.path }, baseName(f.path)),
    h(
      "span",
      { class: "outcome" },
      f.format && h("span", { class: "format-badge" }, FORMATS[f.format] ?? f.format),
      outcome,
      ...f.warnings.map((w) => h("span", { class: "warning" }, w)),
    ),
  );
}

/** Asks what Zotero collections become; null when the person cancels. */
function askCollectionsAs(): Promise<CollectionsAs | null> {
  return new Promise((resolve) => {
    const choice = (value: CollectionsAs, label: string, hint: string, checked = false) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "radio", name: "collections-as", value, checked }),
        h("span", {}, h("strong", {}, label), h("span", { class: "muted" }, hint)),
      );
    const form = h(
      "form",
      { method: "dialog" },
      h("h2", {}, "Import a Zotero library"),
      h(
        "p",
        { class: "muted" },
        "Choose Zotero's data directory next (Zotero: Settings → Advanced → Files and Folders). Zotero may stay open; importing again updates what changed.",
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, "Zotero collections become"),
        choice("collections", "Collections", "groups of works in the library", true),
        choice("lists", "Reading lists", "ordered lists you can format and share"),
      ),
      h(
        "div",
        { class: "dialog-actions" },
        h("button", { class: "button", value: "cancel", testid: "zotero-cancel" }, "Cancel"),
        h("button", { class: "button primary", value: "ok", testid: "zotero-choose" }, "Choose folder…"),
      ),
    );
    const dialog = h("dialog", { class: "zotero-dialog", testid: "zotero-dialog" }, form);
    dialog.addEventListener("close", () => {
      const picked = form.querySelector<HTMLInputElement>("input[name=collections-as]:checked");
      resolve(dialog.returnValue === "ok" && picked ? (picked.value as CollectionsAs) : null);
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

function summary(report: ImportReport): string {
  const n = report.imported.length;
  const docs = `Imported ${n} document${n === 1 ? "" : "s"}`;
  const failed = report.errors.length;
  const refused = failed === 0 ? docs : `${docs}; ${failed} file${failed === 1 ? "" : "s"} could not be imported`;
  return report.cancelled ? `Cancelled. ${refused}; the rest were not read` : refused;
}

function zoteroSummary(r: ZoteroReport): string {
  const parts = [
    `${r.created} new`,
    r.matched > 0 && `${r.matched} matched`,
    r.updated > 0 && `${r.updated} updated`,
    r.unchanged > 0 && `${r.unchanged} unchanged`,
  ].filter(Boolean);
  const head = `Zotero: ${r.items} item${r.items === 1 ? "" : "s"} (${parts.join(", ")})`;
  return r.cancelled ? `Cancelled. ${head}` : head;
}

/** "45 s", "3 min", "1 h 5 min". */
export function duration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
