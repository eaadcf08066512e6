// Lists, the preview: the right-hand side of a list's screen. The list
// formatted in its style by the engine (crates/quire-engine/src/bibliography.rs,
// sanitised there), each entry with its in-text citation, and the ways out:
// copy as rich or plain text, export as HTML, Markdown, BibTeX, RIS or
// CSL-JSON. Kept apart from the builder because it only shows and sends what
// the engine formatted; it never changes the list.

import { exportList, pickSavePath, type ListExportFormat, type ListShow } from "../../api";
import { h, replace, setEngineHtml } from "../../dom";
import { errorText } from "../../errors";
import { copyPlain, copyRich, EXTENSIONS } from "../../export";

/** Draws the preview of `shown` (the list `name`) into `pane`; `show` reports in the list's status line. */
export function drawPreview(pane: HTMLElement, shown: ListShow, name: string, show: (message: string, error?: boolean) => void): void {
  const p = shown.preview;
  const body = h("div", { class: "preview-body", testid: "list-preview-body" });
  for (const section of p.sections) {
    if (section.entries.length === 0) continue;
    if (section.title) body.append(h("h4", {}, section.title));
    for (const e of section.entries) {
      const entry = h("div", { class: "csl-entry" });
      setEngineHtml(entry, e.html);
      const extra = [e.importance, e.note].filter(Boolean).join("; ");
      body.append(
        h(
          "div",
          { class: "preview-entry", testid: "list-preview-entry" },
          entry,
          extra && h("span", { class: "muted" }, ` (${extra})`),
          h("div", { class: "in-text muted", testid: "list-preview-citation" }, "In text: ", e.citation),
        ),
      );
    }
  }
  const exportSelect = h(
    "select",
    {
      class: "select",
      testid: "list-export",
      "aria-label": "Export the list",
      onchange: async () => {
        const format = exportSelect.value as ListExportFormat | "";
        exportSelect.value = "";
        if (!format) return;
        try {
          const path = await pickSavePath(name, format);
          if (!path) return;
          await exportList(name, format, path);
          show(`Exported to ${path}.`);
        } catch (err) {
          show(errorText(err), true);
        }
      },
    },
    h("option", { value: "" }, "Export…"),
    ...(["html", "markdown", "bibtex", "ris", "csl-json"] as const).map((f) => h("option", { value: f }, EXTENSIONS[f].label)),
  );
  const copy = async (rich: boolean) => {
    try {
      const how = rich ? await copyRich(shown.preview.html, shown.preview.text) : (await copyPlain(shown.preview.text), "plain");
      show(how === "rich" ? "Copied as rich text." : "Copied as plain text.");
    } catch (err) {
      show(`Cannot copy: ${errorText(err)}`, true);
    }
  };
  replace(
    pane,
    h(
      "div",
      { class: "preview-head" },
      h("h2", {}, "Preview"),
      h("span", { class: "muted", testid: "list-preview-style" }, p.style_title),
    ),
    h(
      "div",
      { class: "toolbar" },
      h("button", { class: "button", testid: "copy-rich", disabled: shown.list.items.length === 0, onclick: () => void copy(true) }, "Copy rich text"),
      h("button", { class: "button", testid: "copy-plain", disabled: shown.list.items.length === 0, onclick: () => void copy(false) }, "Copy plain text"),
      exportSelect,
    ),
    shown.list.items.length === 0 ? h("p", { class: "muted" }, "Nothing to format yet.") : body,
  );
}
