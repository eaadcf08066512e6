// Lists, the builder: the screen of one list. Its items in sections,
// ordered by drag and drop (or Alt+↑/↓), each with an importance and a note;
// the list's style (bundled, imported, or a .csl file to import), adding an
// essay's references or the works cited where a search matches, deleting the
// list. The live preview beside it is preview.ts. Kept apart from the index
// because it is the part of the lists screen that edits, and the largest.

import {
  addDocumentToList,
  addToList,
  deleteList,
  importStyle,
  listStyles,
  moveListItem,
  pickFiles,
  removeFromList,
  setListStyle,
  showList,
  updateListItem,
  workIds,
  worksCitedWhere,
  type DocRow,
  type Importance,
  type ListItem,
  type ListShow,
  type ListSummary,
  type StyleSummary,
} from "../../api";
import { h, replace } from "../../dom";
import { errorText } from "../../errors";
import { plural } from "../../format";
import { drawPreview } from "./preview";

const IMPORTANCE: Importance[] = ["essential", "recommended", "further"];
/** The style select's last option: import a `.csl` file into the library. */
const IMPORT_STYLE = "__import_style__";

/** Sections typed in but not yet holding an item (the engine keeps sections with items), per list. */
const pendingSections = new Map<string, string[]>();

export async function mountBuilder(
  summary: ListSummary,
  styles: StyleSummary[],
  essays: DocRow[],
  onCount: (items: number) => void,
): Promise<HTMLElement> {
  const name = summary.name;
  let shown: ListShow = await showList(name);
  let dragging: number | null = null;

  const status = h("p", { class: "works-status", testid: "list-status", "aria-live": "polite" });
  const itemsPane = h("div", { class: "list-builder", testid: "list-builder" });
  const previewPane = h("div", { class: "list-preview", testid: "list-preview" });

  function show(message: string, error = false): void {
    status.textContent = message;
    status.classList.toggle("error", error);
  }

  async function attempt(action: () => Promise<void>, focusWork?: number): Promise<void> {
    try {
      await action();
      shown = await showList(name);
      onCount(shown.list.items.length);
      draw();
      if (focusWork !== undefined) itemsPane.querySelector<HTMLElement>(`[data-work-id="${focusWork}"]`)?.focus();
    } catch (err) {
      show(errorText(err), true);
    }
  }

  // --- controls: style, add from an essay, delete ---

  let known = styles;

  /** Bundled styles, then the library's imported ones, then the list's own `.csl` file if it has one. */
  function styleSelectFor(current: string): HTMLSelectElement {
    const option = (s: StyleSummary) =>
      h(
        "option",
        { value: s.name, selected: s.name === current, title: s.parent ? `Formats with ${s.parent}` : null },
        s.title,
      );
    const imported = known.filter((s) => !s.bundled);
    const select = h(
      "select",
      { class: "select", testid: "list-style", "aria-label": "Citation style", onchange: () => void chooseStyle() },
      h("optgroup", { label: "Bundled styles", testid: "styles-bundled" }, ...known.filter((s) => s.bundled).map(option)),
      imported.length > 0 && h("optgroup", { label: "Imported styles", testid: "styles-imported" }, ...imported.map(option)),
      !known.some((s) => s.name === current) && h("option", { value: current, selected: true }, baseName(current)),
      h("option", { value: IMPORT_STYLE, testid: "import-style" }, "Import style…"),
    );
    select.value = current;
    return select;
  }

  let styleSelect = styleSelectFor(shown.list.style);

  /**
   * A new select for the list's style. Not just new options: WebKit fires no
   * change event for choosing the option the person chose last, even after a
   * script set another, so after a cancelled or refused import "Import
   * style…" would do nothing the second time.
   */
  function drawStyles(): void {
    const fresh = styleSelectFor(shown.list.style);
    const focused = document.activeElement === styleSelect;
    styleSelect.replaceWith(fresh);
    styleSelect = fresh;
    if (focused) fresh.focus();
  }

  async function chooseStyle(): Promise<void> {
    try {
      await applyStyle(styleSelect.value);
    } finally {
      drawStyles();
    }
  }

  async function applyStyle(chosen: string): Promise<void> {
    let style = chosen;
    let imported: StyleSummary | null = null;
    if (style === IMPORT_STYLE) {
      styleSelect.value = shown.list.style;
      try {
        const [picked] = await pickFiles("style");
        if (!picked) return;
        show(`Importing ${baseName(picked)}…`);
        imported = await importStyle(picked);
        known = await listStyles();
      } catch (err) {
        // The engine's reason, naming the file: not CSL, refused by the processor, an unknown parent…
        show(errorText(err), true);
        return;
      }
      style = imported.name;
    }
    await attempt(async () => {
      await setListStyle(name, style);
      const title = known.find((s) => s.name === style)?.title ?? baseName(style);
      if (imported === null) {
        show(`Style: ${title}.`);
      } else {
        const parent = imported.parent ? ` (formats with ${imported.parent})` : "";
        show(`Imported ${title}${parent}; this list now uses it.`);
      }
    });
  }

  const essaySelect = h(
    "select",
    {
      class: "select",
      testid: "list-add-essay",
      "aria-label": "Add an essay's references",
      onchange: () => {
        const id = Number(essaySelect.value);
        essaySelect.value = "";
        if (!id) return;
        void attempt(async () => {
          const n = await addDocumentToList(name, id);
          show(`Added ${plural(n, "reference")} from essay #${id}.`);
        });
      },
    },
    h("option", { value: "" }, "Add an essay's references…"),
    ...essays.filter((e) => e.duplicate_of === null).map((e) => h("option", { value: e.id }, `${e.author ?? "Unknown"} — ${e.title}`)),
  );

  const citesInput = h("input", {
    class: "text-input",
    type: "search",
    testid: "list-add-cites",
    placeholder: "Add works cited where… e.g. poverty-aware",
    "aria-label": "Add the works cited by paragraphs matching a search",
  });
  const citesForm = h(
    "form",
    {
      class: "inline-form",
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        const query = citesInput.value.trim();
        if (!query) return;
        void attempt(async () => {
          const works = await worksCitedWhere(query);
          const ids = workIds(works);
          if (ids.length > 0) await addToList(name, ids);
          show(
            ids.length === 0
              ? `No paragraph matching “${query}” cites a work in the library.`
              : `Added ${plural(ids.length, "work")} cited where “${query}” appears.`,
            ids.length === 0,
          );
          citesInput.value = "";
        });
      },
    },
    citesInput,
    h("button", { class: "button", type: "submit", testid: "list-add-cites-go" }, "Add"),
  );

  const sectionInput = h("input", { class: "text-input", testid: "new-section-name", placeholder: "New section, e.g. Week 1", "aria-label": "New section" });
  const sectionForm = h(
    "form",
    {
      class: "inline-form",
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        const title = sectionInput.value.trim();
        if (!title || sectionsOf().includes(title)) return;
        pendingSections.set(name, [...(pendingSections.get(name) ?? []), title]);
        sectionInput.value = "";
        draw();
      },
    },
    sectionInput,
    h("button", { class: "button", type: "submit", testid: "add-section" }, "Add section"),
  );

  let armed = false;
  const deleteButton = h(
    "button",
    {
      class: "button danger",
      testid: "delete-list",
      onclick: async () => {
        if (!armed) {
          armed = true;
          deleteButton.textContent = "Click again to delete";
          setTimeout(() => {
            armed = false;
            deleteButton.textContent = "Delete list";
          }, 4000);
          return;
        }
        try {
          await deleteList(name);
          pendingSections.delete(name);
          location.hash = "#/lists";
        } catch (err) {
          show(errorText(err), true);
        }
      },
    },
    "Delete list",
  );

  // --- the builder: sections of draggable items ---

  /** Every section in display order: the engine's, then those typed in since. */
  function sectionsOf(): string[] {
    const real = shown.list.sections;
    return [...real, ...(pendingSections.get(name) ?? []).filter((s) => !real.includes(s))];
  }

  function label(item: ListItem): string {
    const text = shown.preview.sections.flatMap((s) => s.entries).find((e) => e.work_id === item.work_id)?.text;
    return text ?? item.csl.title ?? `Work #${item.work_id}`;
  }

  /** Moves `workId` to sit before `before` (or at the end of `section` when null). */
  function placeBefore(workId: number, section: string | null, before: number | null): void {
    const rest = shown.list.items.filter((i) => i.work_id !== workId);
    let index: number;
    if (before !== null) {
      index = rest.findIndex((i) => i.work_id === before);
    } else {
      const groups = [null, ...sectionsOf()];
      const upTo = groups.indexOf(section);
      index = rest.filter((i) => groups.indexOf(i.section) <= upTo).length;
    }
    void attempt(() => moveListItem(name, workId, Math.max(index, 0), section), workId);
  }

  function moveBy(item: ListItem, step: -1 | 1): void {
    const items = shown.list.items;
    const i = items.findIndex((x) => x.work_id === item.work_id);
    const neighbour = items[i + step];
    if (!neighbour) return;
    if (neighbour.section === item.section) {
      void attempt(() => moveListItem(name, item.work_id, i + step, item.section), item.work_id);
    } else {
      // Crossing into the neighbouring section: become its last (going up) or first (going down) item.
      void attempt(() => moveListItem(name, item.work_id, i, neighbour.section), item.work_id);
    }
  }

  function itemRow(item: ListItem): HTMLLIElement {
    const importance = h(
      "select",
      {
        class: "select small",
        testid: "item-importance",
        "aria-label": "Importance",
        onchange: () => void attempt(() => updateListItem(name, item.work_id, (importance.value || null) as Importance | null, item.note)),
      },
      h("option", { value: "" }, "—"),
      ...IMPORTANCE.map((i) => h("option", { value: i, selected: i === item.importance }, i)),
    );
    const note = h("input", {
      class: "text-input small",
      testid: "item-note",
      placeholder: "Note",
      "aria-label": "Note",
      value: item.note ?? "",
      onchange: () => void attempt(() => updateListItem(name, item.work_id, item.importance, note.value)),
    });
    const li = h(
      "li",
      {
        class: "list-item",
        testid: "list-item",
        draggable: "true",
        tabindex: 0,
        "data-work-id": item.work_id,
        "aria-label": `${label(item)} — Alt+↑/↓ to move`,
        ondragstart: (event: DragEvent) => {
          dragging = item.work_id;
          event.dataTransfer?.setData("text/plain", String(item.work_id));
          if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
          li.classList.add("dragging");
        },
        ondragend: () => {
          dragging = null;
          li.classList.remove("dragging");
        },
        ondragover: (event: DragEvent) => {
          if (dragging === null || dragging === item.work_id) return;
          event.preventDefault();
          event.stopPropagation();
          li.classList.add("drop-before");
        },
        ondragleave: () => li.classList.remove("drop-before"),
        ondrop: (event: DragEvent) => {
          event.preventDefault();
          event.stopPropagation();
          li.classList.remove("drop-before");
          if (dragging !== null && dragging !== item.work_id) placeBefore(dragging, item.section, item.work_id);
        },
        onkeydown: (event: KeyboardEvent) => {
          if (event.target !== li || !event.altKey) return;
          if (event.key === "ArrowUp" || event.key === "ArrowDown") {
            event.preventDefault();
            moveBy(item, event.key === "ArrowUp" ? -1 : 1);
          }
        },
      },
      h("span", { class: "drag-handle", "aria-hidden": "true" }, "⋮⋮"),
      h("span", { class: "item-label" }, label(item)),
      h(
        "span",
        { class: "item-buttons" },
        h("button", { class: "icon-button small", title: "Move up (Alt+↑)", "aria-label": "Move up", testid: "item-up", onclick: () => moveBy(item, -1) }, "↑"),
        h("button", { class: "icon-button small", title: "Move down (Alt+↓)", "aria-label": "Move down", testid: "item-down", onclick: () => moveBy(item, 1) }, "↓"),
        h(
          "button",
          {
            class: "icon-button small",
            title: "Remove from the list",
            "aria-label": "Remove",
            testid: "item-remove",
            onclick: () => void attempt(() => removeFromList(name, item.work_id)),
          },
          "×",
        ),
      ),
      h("span", { class: "item-controls" }, importance, note),
    );
    return li;
  }

  function sectionBlock(title: string | null): HTMLElement {
    const items = shown.list.items.filter((i) => i.section === title);
    const block = h(
      "section",
      {
        class: "list-section",
        testid: "list-section",
        "data-section": title ?? "",
        ondragover: (event: DragEvent) => {
          if (dragging === null) return;
          event.preventDefault();
          block.classList.add("drop-into");
        },
        ondragleave: () => block.classList.remove("drop-into"),
        ondrop: (event: DragEvent) => {
          event.preventDefault();
          block.classList.remove("drop-into");
          if (dragging !== null) placeBefore(dragging, title, null);
        },
      },
      h("h3", {}, title ?? "Not in a section"),
      items.length === 0
        ? h("p", { class: "muted drop-hint" }, "Drag items here.")
        : h("ol", { class: "list-items" }, ...items.map(itemRow)),
    );
    return block;
  }

  function draw(): void {
    replace(
      itemsPane,
      h("h2", {}, plural(shown.list.items.length, "item")),
      sectionBlock(null),
      ...sectionsOf().map((s) => sectionBlock(s)),
      sectionForm,
    );
    drawPreview(previewPane, shown, name, show);
  }

  draw();
  if (shown.style_error) show(`${shown.style_error} — showing Cite Them Right Harvard instead.`, true);
  const element = h(
    "div",
    { class: "list-main", testid: "list-main" },
    h(
      "div",
      { class: "page-head" },
      h(
        "div",
        {},
        h("h1", { testid: "list-title" }, name),
        h("p", { class: "muted" }, summary.purpose === "reading" ? "Reading list: kept in the order you choose" : "Reference list: sorted by the style"),
      ),
      deleteButton,
    ),
    h("div", { class: "toolbar" }, styleSelect, essaySelect, citesForm),
    status,
    h("div", { class: "list-columns" }, itemsPane, previewPane),
  );
  return element;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
