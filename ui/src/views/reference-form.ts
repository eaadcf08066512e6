// The form that corrects how one reference-list entry was parsed. It edits
// a copy of the entry's CSL-JSON; saving hands the new item to `onSave`,
// which stores it and re-audits.

import type { CslItem } from "../api";
import { fromForm, TEXT_FIELDS, toForm } from "../citations";
import { h } from "../dom";

const TYPES = [
  "article-journal",
  "book",
  "chapter",
  "report",
  "webpage",
  "article-newspaper",
  "article-magazine",
  "thesis",
  "paper-conference",
  "legislation",
  "legal_case",
  "post-weblog",
  "motion_picture",
  "document",
];

export function referenceForm(
  position: number,
  csl: CslItem,
  onSave: (item: CslItem) => Promise<void>,
  onCancel: () => void,
): HTMLFormElement {
  const form = toForm(csl);
  const id = (name: string) => `ref-${position}-${name}`;
  const error = h("p", { class: "ref-form-error", role: "alert", testid: "ref-form-error" });

  const input = (name: string, label: string, value: string, attrs: Record<string, string> = {}) => {
    const el = h("input", { class: "text-input small", id: id(name), name, ...attrs });
    el.value = value;
    return [h("label", { for: id(name) }, label), el] as const;
  };
  const area = (name: string, label: string, value: string, hint: string) => {
    const el = h("textarea", { class: "text-input", id: id(name), name, rows: 2, placeholder: hint });
    el.value = value;
    return [h("label", { for: id(name) }, label), el] as const;
  };

  const typeList = h("datalist", { id: id("types") }, ...TYPES.map((t) => h("option", { value: t })));
  const save = h("button", { class: "button small primary", type: "submit", testid: "ref-save" }, "Save and re-check");
  const el = h(
    "form",
    { class: "ref-form", testid: "ref-form", "aria-label": `Correct reference ${position + 1}` },
    ...input("type", "Type", form.type, { list: id("types") }),
    typeList,
    ...area("author", "Authors", form.author, "One a line: Family, Given — or an organisation"),
    ...area("editor", "Editors", form.editor, "One a line, as for authors"),
    ...input("year", "Year", form.year, { inputmode: "numeric", placeholder: "2019 or 2019a" }),
    ...input("status", "Status", form.status, { placeholder: "in press, forthcoming" }),
    ...TEXT_FIELDS.flatMap(([key, label]) => input(key, label, form.fields[key] ?? "")),
    error,
    h(
      "div",
      { class: "ref-form-actions" },
      h("button", { class: "button small", type: "button", onclick: onCancel }, "Cancel"),
      save,
    ),
  );

  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(el);
    const text = (name: string) => String(data.get(name) ?? "");
    const fields: Record<string, string> = {};
    for (const [key] of TEXT_FIELDS) fields[key] = text(key);
    const item = fromForm(csl, {
      type: text("type"),
      author: text("author"),
      editor: text("editor"),
      year: text("year"),
      status: text("status"),
      fields,
    });
    if (typeof item === "string") {
      error.textContent = item;
      return;
    }
    save.disabled = true;
    error.textContent = "";
    try {
      await onSave(item);
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
      save.disabled = false;
    }
  });
  el.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onCancel();
    }
  });
  return el;
}
