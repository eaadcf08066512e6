// The one form that edits a CSL-JSON item: a work's details in the works view
// (views/works/detail.ts) and the correction of a parsed reference-list entry
// in the reader's audit (views/audit.ts). Both edit the same shape
// (crates/quire-csl), so they share the fields, the parsing and one date rule;
// the callers only choose the test ids, the words on the button and the size.
// The form edits a copy: saving hands the new item to `onSave`.

import type { CslItem } from "./api";
import { namesText, parseNames, TEXT_FIELDS } from "./citations";
import { h } from "./dom";
import { errorText } from "./errors";

/** CSL types the form offers, with the words it shows; an item's other type is kept as it is. */
export const TYPES: [string, string][] = [
  ["book", "Book"],
  ["chapter", "Chapter"],
  ["article-journal", "Journal article"],
  ["article-newspaper", "Newspaper article"],
  ["report", "Report"],
  ["webpage", "Web page"],
  ["thesis", "Thesis"],
  ["document", "Other"],
  ["article-magazine", "Magazine article"],
  ["paper-conference", "Conference paper"],
  ["legislation", "Legislation"],
  ["legal_case", "Legal case"],
  ["post-weblog", "Blog post"],
  ["motion_picture", "Film"],
];

export const typeLabel = (type: string): string => TYPES.find(([t]) => t === type)?.[1] ?? type;

/** What the form holds: every value as the text in its field. */
export interface EntryForm {
  type: string;
  author: string;
  editor: string;
  /** The date as "2019", "2019-03", "2019-03-14", with a year suffix after the year: "2019a". */
  year: string;
  status: string;
  fields: Record<string, string>;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An item's date as the form shows it; a date without parts shows its literal text. */
export function dateText(csl: CslItem): string {
  const parts = csl.issued?.["date-parts"]?.[0];
  if (parts?.length) {
    const [year, month, day] = parts;
    const suffix = csl["year-suffix"] ?? "";
    return `${year}${suffix}${month ? `-${pad(month)}${day ? `-${pad(day)}` : ""}` : ""}`;
  }
  return csl.issued?.literal ?? csl.issued?.raw ?? "";
}

const DATE = /^(\d{4})([a-z]?)(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The one date rule: a four-digit year, optionally a suffix letter ("2019a",
 * a second work by the same authors that year) and a month, or a month and
 * day ("2019-03", "2019-03-14"). Anything else is not a date (null).
 */
export function parseDate(text: string): { parts: number[]; suffix: string } | null {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const parts = [Number(match[1])];
  if (match[3] !== undefined) {
    const month = Number(match[3]);
    if (month < 1 || month > 12) return null;
    parts.push(month);
    if (match[4] !== undefined) {
      const day = Number(match[4]);
      if (day < 1 || day > daysIn(parts[0], month)) return null;
      parts.push(day);
    }
  }
  return { parts, suffix: match[2] };
}

export function toForm(csl: CslItem): EntryForm {
  const fields: Record<string, string> = {};
  for (const [key] of TEXT_FIELDS) fields[key] = typeof csl[key] === "string" ? (csl[key] as string) : "";
  return {
    type: csl.type,
    author: namesText(csl.author),
    editor: namesText(csl.editor),
    year: dateText(csl),
    status: csl.status ?? "",
    fields,
  };
}

/**
 * The item the form describes, built on `original` so fields the form does
 * not show (accessed dates, unknown fields) are kept. A date left as it was
 * shown is kept exactly; an emptied one clears the date; a changed one must
 * pass `parseDate`, or the answer is the message to show instead of an item.
 */
export function fromForm(original: CslItem, form: EntryForm): CslItem | string {
  const csl: CslItem = { ...original, type: form.type.trim() || "document" };
  const set = (key: string, value: unknown) => {
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete csl[key];
    else csl[key] = value;
  };
  set("author", parseNames(form.author));
  set("editor", parseNames(form.editor));
  const date = form.year.trim();
  if (date !== dateText(original).trim()) {
    const parsed = date ? parseDate(date) : null;
    if (date && !parsed) return `"${date}" is not a year: write 2019, 2019-03 or 2019-03-14 (2019a for a second work that year).`;
    set("issued", parsed ? { "date-parts": [parsed.parts] } : undefined);
    set("year-suffix", parsed?.suffix);
  }
  set("status", form.status.trim());
  for (const [key] of TEXT_FIELDS) set(key, (form.fields[key] ?? "").trim());
  return csl;
}

/** The form's values as `fromForm` reads them. */
export function readForm(data: FormData): EntryForm {
  const text = (name: string) => String(data.get(name) ?? "");
  const fields: Record<string, string> = {};
  for (const [key] of TEXT_FIELDS) fields[key] = text(key);
  return { type: text("type"), author: text("author"), editor: text("editor"), year: text("year"), status: text("status"), fields };
}

export interface CslFormOptions {
  /** `data-testid` of the form; its error line is `${testid}-error`. */
  testid: string;
  /** Class of the form (its layout in the page). */
  className: string;
  saveTestid: string;
  saveLabel: string;
  /** Smaller controls, for a side panel. */
  compact?: boolean;
  ariaLabel?: string;
  /** Stores the edited item; a failure is shown in the form. */
  onSave(item: CslItem): Promise<void>;
  /** Given, the form has a Cancel button and Escape cancels. */
  onCancel?(): void;
}

/** The edit form for `csl`. */
export function cslForm(csl: CslItem, options: CslFormOptions): HTMLFormElement {
  const form = toForm(csl);
  const small = options.compact ? " small" : "";
  const error = h("p", { class: "ref-form-error", role: "alert", testid: `${options.testid}-error` });

  const field = (label: string, control: HTMLElement) => h("label", { class: "field" }, h("span", {}, label), control);
  const input = (name: string, label: string, value: string, attrs: Record<string, string> = {}) => {
    const el = h("input", { class: `text-input${small}`, name, ...attrs });
    el.value = value;
    return field(label, el);
  };
  const area = (name: string, label: string, value: string, hint: string) => {
    const el = h("textarea", { class: "text-input", name, rows: options.compact ? 2 : 3, placeholder: hint });
    el.value = value;
    return field(label, el);
  };
  const type = h(
    "select",
    { name: "type", class: `select${small}` },
    ...TYPES.map(([value, label]) => h("option", { value, selected: value === form.type }, label)),
    !TYPES.some(([value]) => value === form.type) && h("option", { value: form.type, selected: true }, form.type),
  );

  const save = h("button", { class: `button primary${small}`, type: "submit", testid: options.saveTestid }, options.saveLabel);
  const el = h(
    "form",
    { class: options.className, testid: options.testid, "aria-label": options.ariaLabel ?? null },
    field("Type", type),
    area("author", "Authors", form.author, "One a line: Family, Given — or an organisation"),
    area("editor", "Editors", form.editor, "One a line, as for authors"),
    input("year", "Year", form.year, { placeholder: "2019, 2019-03-14 or 2019a" }),
    input("status", "Status", form.status, { placeholder: "in press, forthcoming" }),
    ...TEXT_FIELDS.map(([key, label]) => input(key, label, form.fields[key] ?? "")),
    error,
    h(
      "div",
      { class: "ref-form-actions" },
      options.onCancel && h("button", { class: `button${small}`, type: "button", onclick: options.onCancel }, "Cancel"),
      save,
    ),
  );

  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    const item = fromForm(csl, readForm(new FormData(el)));
    if (typeof item === "string") {
      error.textContent = item;
      return;
    }
    save.disabled = true;
    error.textContent = "";
    try {
      await options.onSave(item);
    } catch (err) {
      error.textContent = errorText(err);
    } finally {
      save.disabled = false;
    }
  });
  if (options.onCancel) {
    const cancel = options.onCancel;
    el.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        cancel();
      }
    });
  }
  return el;
}
